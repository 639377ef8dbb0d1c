push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 {
    text = "Hi {user1}" # ERROR: Missing substitution
  }
}
