push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "Pick"
    quick_reply { # ERROR: Missing quick reply items

    }
  }
}
