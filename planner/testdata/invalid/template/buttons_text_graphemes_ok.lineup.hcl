push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      title = "Menu"
      text  = join("", [for i in range(60) : "👍🏽"])
      image_size = "huge" # ERROR: Invalid image size
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
