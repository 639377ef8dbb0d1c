push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type            = "uri"
        label           = "Open"
        uri             = "https://example.com"
        alt_uri_desktop = "mailto:a@example.com" # ERROR: Invalid desktop URI
      }
    }
  }
}
