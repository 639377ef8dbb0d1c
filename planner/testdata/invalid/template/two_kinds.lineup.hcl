push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "a"
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
    confirm { # ERROR: Conflicting blocks
      text = "b"
    }
  }
}
