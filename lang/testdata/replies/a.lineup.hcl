bundle "reservation_answer" {
  text {
    text = "Yes! For how many people, and at what time?"
  }
}

reply "reservation" {
  match    = "(?i)reserve|table"
  messages = bundle.reservation_answer
  quote    = true
}

reply "hours" {
  match = "(?i)open|hours"
  image {
    original_url = "https://example.com/hours.jpg"
    preview_url  = "https://example.com/hours-small.jpg"
  }
  text {
    text = "We open at ${local.opening}."
  }
  notification_disabled = true
}
