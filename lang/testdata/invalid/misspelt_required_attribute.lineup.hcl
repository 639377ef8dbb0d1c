# A misspelt required attribute is one mistake: one error, with the
# spelling it meant, and no "Missing required argument" beside it.
push "welcome" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    txet = "Hello" # ERROR: Unsupported argument
  }
}
