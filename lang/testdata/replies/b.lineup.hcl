locals {
  opening = "nine"
}

reply "anything" {
  match = "."
  sticker {
    package_id = "446"
    sticker_id = "1988"
  }
}
