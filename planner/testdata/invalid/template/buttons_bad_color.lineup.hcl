push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      image_background_color = "white" # ERROR: Invalid image background color
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
