push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    image_carousel {
      column {
        image_url = "http://example.com/a.jpg" # ERROR: Invalid image URL
        action {
          type = "message"
          text = "x"
        }
      }
    }
  }
}
