push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type  = "camera" # ERROR: Invalid action type
        label = "Camera"
      }
    }
  }
}
