push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  sticker {
    package_id = "446"
    sticker_id = "1988"
    sender {
      name = join("", [for i in range(21) : "a"]) # ERROR: Sender name too long
    }
  }
}
