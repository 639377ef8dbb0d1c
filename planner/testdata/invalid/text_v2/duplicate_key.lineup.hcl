push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 {
    text = "Hi {u}"
    mention "u" {
      all = true
    }
    emoji "u" { # ERROR: Duplicate key
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
  }
}
