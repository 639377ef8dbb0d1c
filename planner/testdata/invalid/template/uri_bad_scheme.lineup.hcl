push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type  = "uri"
        label = "Open"
        uri   = "javascript:alert(1)" # ERROR: Invalid URI
      }
    }
  }
}
