push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = templatefile("missing.tmpl", {}) # ERROR: Invalid function argument
  }
}
