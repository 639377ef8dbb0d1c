push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  audio {
    original_url = "https://example.com/a.m4a"
    duration_ms  = 1.5 # ERROR: Invalid duration
  }
}
