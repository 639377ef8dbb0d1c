multicast "team" {
  to = ["U4af4980629a1b2c3d4e5f60718293a4b", "C4af4980629a1b2c3d4e5f60718293a4b"] # ERROR: Group or room in multicast
  text {
    text = "Hello"
  }
}

multicast "typo" {
  to = ["U4af4980629a1b2c3d4e5f60718293a4"] # ERROR: Invalid user ID
  text {
    text = "Hello"
  }
}

multicast "nobody" {
  to = [] # ERROR: No recipients
  text {
    text = "Hello"
  }
}
