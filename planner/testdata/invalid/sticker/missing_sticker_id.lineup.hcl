push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  sticker { # ERROR: Missing required argument
    package_id = "446"
  }
}
