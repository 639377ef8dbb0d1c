push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  image {
    original_url = "https://example.com/a.jpg"
    preview_url  = "https://example.com/a.jpg"
    quote_token  = "q" # ERROR: Quote token not allowed
  }
}
