push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 {
    text = "Hi {u}"
    mention "u" { # ERROR: Conflicting mentionee
      user_id = "U0123456789abcdef0123456789abcdef"
      all     = true
    }
  }
}
