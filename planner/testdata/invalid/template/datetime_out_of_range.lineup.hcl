push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type = "datetimepicker"
        label = "When"
        data = "when"
        mode = "datetime"
        min  = "1899-12-31T23:59" # ERROR: Invalid min datetime
      }
    }
  }
}
