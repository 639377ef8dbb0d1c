bundle "b" {
  text_v2 {
    text = "{all}"
    mention "all" { # ERROR: Mention in a one-to-one chat
      all = true
    }
  }
}

push "p" {
  to       = "U0123456789abcdef0123456789abcdef"
  messages = bundle.b
}
