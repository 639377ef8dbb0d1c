push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      hero = {
        type        = "image"
        url         = "https://example.com/a.png"
        aspectRatio = "1:4" # ERROR: Invalid aspect ratio
      }
    }
  }
}
