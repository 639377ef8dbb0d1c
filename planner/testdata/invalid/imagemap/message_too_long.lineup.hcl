push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  imagemap {
    base_url = "https://example.com/im"
    alt_text = "Imagemap"
    height   = 1040
    action {
      type = "message"
      text = join("", [for i in range(401) : "a"]) # ERROR: Text too long
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
  }
}
