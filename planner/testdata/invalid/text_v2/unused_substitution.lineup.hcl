push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 {
    text = "Hi"
    mention "user1" { # ERROR: Unused substitution
      user_id = "U0123456789abcdef0123456789abcdef"
    }
  }
}
