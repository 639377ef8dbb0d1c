push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  audio {
    original_url = "https://example.com/a.m4a"
    duration_ms  = 1000
    quote_token  = "q" # ERROR: Quote token not allowed
  }
}
