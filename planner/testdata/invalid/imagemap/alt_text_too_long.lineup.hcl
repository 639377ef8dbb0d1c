push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  imagemap {
    base_url = "https://example.com/im"
    alt_text = format("%01501d", 0) # ERROR: Alt text too long
    height   = 1040
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
  }
}
