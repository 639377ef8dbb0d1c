# Rules are tried in the order they appear, files in name order.

reply "reservation" {
  match    = "(?i)reserv|table|book"
  messages = bundle.reservation_answer
  quote    = true
}

reply "hours" {
  match = "(?i)\\b(open|hours|close)\\b"
  text {
    text = "We are open from nine to nine, every day but Monday."
  }
}

bundle "reservation_answer" {
  text {
    text = "Happy to! For how many people, and at what time?"
  }
  sticker {
    package_id = "446"
    sticker_id = "1988"
  }
}
