push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    image_carousel {
      column { # ERROR: Missing action
        image_url = "https://example.com/a.jpg"
      }
    }
  }
}
