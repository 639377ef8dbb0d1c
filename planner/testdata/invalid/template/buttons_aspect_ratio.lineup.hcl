push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      image_aspect_ratio = "wide" # ERROR: Invalid image aspect ratio
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
