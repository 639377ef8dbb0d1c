push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type           = "clipboard"
        label          = "Copy"
        clipboard_text = join("", [for i in range(1001) : "a"]) # ERROR: Clipboard text too long
      }
    }
  }
}
