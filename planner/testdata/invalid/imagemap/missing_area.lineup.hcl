push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  imagemap {
    base_url = "https://example.com/im"
    alt_text = "Imagemap"
    height   = 1040
    action { # ERROR: Missing area
      type = "message"
      text = "hi"
    }
  }
}
