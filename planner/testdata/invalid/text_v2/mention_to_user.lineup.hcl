push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text_v2 {
    text = "Hi {u}"
    mention "u" { # ERROR: Mention in a one-to-one chat
      user_id = "U0123456789abcdef0123456789abcdef"
    }
  }
}
