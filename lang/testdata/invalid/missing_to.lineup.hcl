push "welcome" { # ERROR: Missing required argument
  text {
    text = "Hello"
  }
}
