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
        input_option = "openVoice"
        fill_in_text = "x" # ERROR: Fill-in text without keyboard
      }
    }
  }
}
