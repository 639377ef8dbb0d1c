push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    confirm {
      text = join("", [for i in range(241) : "a"]) # ERROR: Text too long
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      action {
        type  = "message"
        label = "No"
        text  = "no"
      }
    }
  }
}
