push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  video {
    original_url = "https://example.com/a.mp4"
    preview_url  = "https://example.com/a.jpg"
    tracking_id  = "has space" # ERROR: Invalid tracking ID
  }
}
