push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      default_action {
        type  = "uri"
        label = join("", [for i in range(21) : "a"]) # ERROR: Label too long
        uri   = "https://example.com"
      }
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
