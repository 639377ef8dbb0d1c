push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type  = "message"
        label = "Say"
        text  = join("", [for i in range(301) : "a"]) # ERROR: Text too long
      }
    }
  }
}
