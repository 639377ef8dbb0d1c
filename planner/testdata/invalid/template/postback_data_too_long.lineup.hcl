push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type  = "postback"
        label = "Buy"
        data  = join("", [for i in range(301) : "a"]) # ERROR: Data too long
      }
    }
  }
}
