push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = ["a"] # ERROR: Incorrect attribute value type
  }
}
