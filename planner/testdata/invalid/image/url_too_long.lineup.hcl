push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  image {
    original_url = "https://example.com/a.jpg"
    preview_url  = "https://example.com/${format("%02000d", 0)}" # ERROR: Preview image URL too long
  }
}
