push "second" {
  to       = "U4af4980629a1b2c3d4e5f60718293a4b"
  messages = bundle.hello
}
