push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 {
    text = "Hi {u}"
    mention "u" {
      user_id = "C0123456789abcdef0123456789abcdef" # ERROR: Invalid user ID
    }
  }
}
