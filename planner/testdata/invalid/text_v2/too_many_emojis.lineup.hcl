push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 {
    text = "{e0} {e1} {e2} {e3} {e4} {e5} {e6} {e7} {e8} {e9} {e10} {e11} {e12} {e13} {e14} {e15} {e16} {e17} {e18} {e19} {e20}"
    emoji "e0" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e1" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e2" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e3" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e4" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e5" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e6" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e7" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e8" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e9" { # ERROR: Too many emojis
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e10" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e11" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e12" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e13" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e14" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e15" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e16" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e17" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e18" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e19" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e20" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
  }
}
