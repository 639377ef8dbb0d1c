push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = join("", [for i in range(161) : "a"]) # ERROR: Text too long
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
