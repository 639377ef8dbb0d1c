push "welcome" {
  to     = "U4af4980629a1b2c3d4e5f60718293a4b"
  notify = true # ERROR: Unsupported argument
  text {
    text = "Hello"
  }
}
