push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = format("%01501d", 0) # ERROR: Alt text too long
    contents = { type = "bubble" }
  }
}
