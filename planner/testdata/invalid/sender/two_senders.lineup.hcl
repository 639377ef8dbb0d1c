push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "hi"
    sender {
      name = "A"
    }
    sender { # ERROR: Duplicate sender block
      name = "B"
    }
  }
}
