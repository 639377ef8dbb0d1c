push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      size = "micro"
      hero = {
        type       = "video" # ERROR: Component not allowed here
        url        = "https://example.com/v.mp4"
        previewUrl = "https://example.com/v.jpg"
        altContent = { type = "image", url = "https://example.com/v.jpg" }
      }
    }
  }
}
