push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    buttons {
      text = "hi"
      action {
        type  = "datetimepicker"
        label = "When"
        data  = "when"
        mode  = "time"
        min   = "18:00"
        max   = "10:00" # ERROR: Max not after min
      }
    }
  }
}
