push "to_user" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "Hello"
  }
}

push "to_group" {
  to = "Ca56f94637c0123456789abcdef012345"
  text {
    text        = "Quoting the user"
    quote_token = push.to_user.sent[0].quote_token # ERROR: Quote token from another chat
  }
}
