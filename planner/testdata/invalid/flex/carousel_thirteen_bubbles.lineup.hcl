push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type     = "carousel"
      contents = [for i in range(13) : { type = "bubble" }] # ERROR: Too many bubbles
    }
  }
}
