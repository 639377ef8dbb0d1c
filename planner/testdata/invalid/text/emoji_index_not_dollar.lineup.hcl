push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "no dollar here $"
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
      index      = 3 # ERROR: Emoji index not at a $
    }
  }
}
