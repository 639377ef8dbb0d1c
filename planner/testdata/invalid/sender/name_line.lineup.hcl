push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "hi"
    sender {
      name = "Official LINE" # ERROR: Sender name not allowed
    }
  }
}
