push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type  = "message"
        label = join("", [for i in range(21) : "a"]) # ERROR: Label too long
        text  = "yes"
      }
    }
  }
}
