push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "$"
    emoji { # ERROR: Missing required argument AND Missing required argument
      index = 0
    }
  }
}
