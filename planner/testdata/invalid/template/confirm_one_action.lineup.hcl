push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    confirm { # ERROR: Wrong number of actions
      text = "Sure?"
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
