push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    carousel {
      column {
        text = join("", [for i in range(121) : "a"]) # ERROR: Text too long
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
    }
  }
}
