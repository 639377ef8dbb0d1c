push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type         = "postback"
        label        = "Buy"
        data         = "buy"
        display_text = "Buy"
        text         = "buy" # ERROR: Both text and display text
      }
    }
  }
}
