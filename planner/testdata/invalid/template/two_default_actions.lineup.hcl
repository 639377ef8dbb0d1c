push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      default_action {
        type = "uri"
        uri  = "https://example.com"
      }
      default_action { # ERROR: Duplicate default_action block
        type = "uri"
        uri  = "https://example.com"
      }
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
