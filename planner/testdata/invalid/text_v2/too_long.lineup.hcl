push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 {
    text = format("%05001d", 0) # ERROR: Text too long
  }
}
