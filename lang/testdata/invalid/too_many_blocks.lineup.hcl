push "chatty" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
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
