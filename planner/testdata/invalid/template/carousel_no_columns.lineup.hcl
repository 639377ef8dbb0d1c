push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    carousel { # ERROR: Missing columns
    }
  }
}
