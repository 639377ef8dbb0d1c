bundle "smile" {
  text {
    text = "Only one $ here"
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
