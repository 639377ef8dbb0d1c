push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      thumbnail_image_url = "http://example.com/a.jpg" # ERROR: Invalid thumbnail image URL
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
