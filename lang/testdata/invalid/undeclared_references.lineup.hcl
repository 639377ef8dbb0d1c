push "welcome" {
  to = var.nobody # ERROR: Reference to undeclared input variable
  text {
    text        = local.greeting                  # ERROR: Reference to undeclared local value
    quote_token = push.nope.sent[0].quote_token # ERROR: Reference to undeclared push
  }
}

push "again" {
  to       = "U4af4980629a1b2c3d4e5f60718293a4b"
  messages = bundle.missing # ERROR: Reference to undeclared bundle
}
