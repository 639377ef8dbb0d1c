push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    carousel {
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column { # ERROR: Unequal carousel actions
        text = "c"
        action {
          type  = "message"
          label = "No"
          text  = "no"
        }
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
    }
  }
}
