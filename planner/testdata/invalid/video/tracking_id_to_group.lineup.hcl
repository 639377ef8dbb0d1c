push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  video {
    original_url = "https://example.com/a.mp4"
    preview_url  = "https://example.com/a.jpg"
    tracking_id  = "t1" # ERROR: Tracking ID to a group or room
  }
}
