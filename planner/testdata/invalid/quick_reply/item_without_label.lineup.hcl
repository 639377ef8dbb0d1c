push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "Pick"
    quick_reply {
      item { # ERROR: Missing label
        type = "message"
        text = "yes"
      }
    }
  }
}
