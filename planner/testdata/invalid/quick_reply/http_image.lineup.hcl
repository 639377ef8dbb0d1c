push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "Pick"
    quick_reply {
      item {
        type      = "camera_roll"
        label     = "Photos"
        image_url = "http://example.com/a.png" # ERROR: Invalid image URL
      }
    }
  }
}
