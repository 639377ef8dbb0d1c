push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons { # ERROR: Missing text
      title = "Menu"
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
