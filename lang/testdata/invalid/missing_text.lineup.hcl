push "welcome" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text { # ERROR: Missing required argument
    quote_token = "q"
  }
}
