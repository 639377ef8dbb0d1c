push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text { # ERROR: Too many emojis
    text = "$$$$$$$$$$$$$$$$$$$$$"
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
  }
}
