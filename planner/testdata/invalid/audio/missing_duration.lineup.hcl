push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  audio { # ERROR: Missing required argument
    original_url = "https://example.com/a.m4a"
  }
}
