push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      title = join("", [for i in range(41) : "a"]) # ERROR: Title too long
      text  = "hi"
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
