push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  imagemap { # ERROR: Missing actions
    base_url = "https://example.com/im"
    alt_text = "Imagemap"
    height   = 1040
  }
}
