push "a" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "My own request: ${push.a.request_id}" # ERROR: Reference cycle
  }
}
