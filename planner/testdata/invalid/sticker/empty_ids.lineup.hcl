push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  sticker {
    package_id = "" # ERROR: Empty package ID
    sticker_id = "" # ERROR: Empty sticker ID
  }
}
