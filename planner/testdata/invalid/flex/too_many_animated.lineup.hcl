push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "carousel"
      contents = [for b in range(11) : { # ERROR: Too many animated images
        type = "bubble"
        hero = { type = "image", url = "https://example.com/a.png", animated = true }
      }]
    }
  }
}
