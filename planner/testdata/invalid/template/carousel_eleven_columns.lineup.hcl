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
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column {
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
      column { # ERROR: Too many columns
        text = "c"
        action {
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
    }
  }
}
