push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template { # ERROR: Missing template kind
    alt_text = "T"
  }
}
