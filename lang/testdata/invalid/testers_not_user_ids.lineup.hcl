lineup {
  testers = ["U4af4980629a1b2c3d4e5f60718293a4b", "C4af4980629a1b2c3d4e5f60718293a4b"] # ERROR: Invalid tester
}

push "hello" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "Hello"
  }
}
