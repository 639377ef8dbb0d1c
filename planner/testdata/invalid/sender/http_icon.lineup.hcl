push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "hi"
    sender {
      icon_url = "http://example.com/i.png" # ERROR: Invalid icon URL
    }
  }
}
