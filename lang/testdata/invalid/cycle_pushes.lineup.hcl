push "a" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text        = "A"
    quote_token = push.b.sent[0].quote_token # ERROR: Reference cycle
  }
}

push "b" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text        = "B"
    quote_token = push.a.sent[0].quote_token # ERROR: Reference cycle
  }
}
