push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      hero = { # ERROR: Missing alt content
        type       = "video"
        url        = "https://example.com/v.mp4"
        previewUrl = "https://example.com/v.jpg"
      }
    }
  }
}
