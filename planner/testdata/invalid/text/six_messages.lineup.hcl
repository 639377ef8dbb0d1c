push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "1"
  }
  text {
    text = "2"
  }
  text {
    text = "3"
  }
  text {
    text = "4"
  }
  text {
    text = "5"
  }
  text { # ERROR: Too many message objects
    text = "6"
  }
}
