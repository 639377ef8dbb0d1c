push "ask" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "Coffee?"
    quick_reply {
      item {
        action { # ERROR: Unsupported block type
          type  = "message"
          label = "Yes"
          text  = "yes"
        }
      }
    }
  }
}
