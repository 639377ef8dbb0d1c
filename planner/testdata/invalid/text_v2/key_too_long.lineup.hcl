push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 {
    text = "Hi {abcdefghijklmnopqrstu}"
    mention "abcdefghijklmnopqrstu" { # ERROR: Invalid substitution key
      all = true
    }
  }
}
