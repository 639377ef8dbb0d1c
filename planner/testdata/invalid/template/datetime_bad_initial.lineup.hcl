push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type    = "datetimepicker"
        label   = "When"
        data    = "when"
        mode    = "date"
        initial = "2017-12-25T00:00" # ERROR: Invalid initial date
      }
    }
  }
}
