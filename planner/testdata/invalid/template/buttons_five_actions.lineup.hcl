push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      action { # ERROR: Too many actions
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
