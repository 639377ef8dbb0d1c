push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      hero = {
        type = "image"
        url  = "http://example.com/a.png" # ERROR: Invalid image URL
      }
    }
  }
}
