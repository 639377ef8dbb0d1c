push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = { # ERROR: Too many animated images
      type = "carousel"
      contents = [for b in range(11) : {
        type = "bubble"
        hero = { type = "image", url = "https://example.com/a.png", animated = true }
      }]
    }
  }
}
