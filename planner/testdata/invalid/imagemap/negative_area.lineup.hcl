push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  imagemap {
    base_url = "https://example.com/im"
    alt_text = "Imagemap"
    height   = 1040
    action {
      type = "message"
      text = "hi"
      area {
        x      = -1 # ERROR: Invalid x
        y      = 0
        width  = 0 # ERROR: Invalid width
        height = 10
      }
    }
  }
}
