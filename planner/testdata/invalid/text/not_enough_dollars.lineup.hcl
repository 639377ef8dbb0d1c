push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "one $"
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji { # ERROR: Not enough $ in text
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "002"
    }
  }
}
