push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = format("%01501d", 0) # ERROR: Alt text too long
    buttons {
      text = "hi"
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
