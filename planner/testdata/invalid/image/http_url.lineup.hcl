push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  image {
    original_url = "http://example.com/a.jpg" # ERROR: Invalid original content URL
    preview_url  = "https://example.com/a.jpg"
  }
}
