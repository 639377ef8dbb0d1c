narrowcast "partial" {
  text {
    text = "Sale!"
  }
  limit {
    max                     = 0    # ERROR: Invalid limit
    forbid_partial_delivery = true # ERROR: forbid_partial_delivery needs up_to_remaining_quota
  }
}

narrowcast "twice" {
  text {
    text = "Sale!"
  }
  limit {
    max = 10
  }
  limit { # ERROR: Duplicate limit block
    max = 20
  }
}

broadcast "news" {
  text {
    text = "News"
  }
}

push "hello" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "Hello"
  }
}

narrowcast "redeliver_broadcast" {
  text {
    text = "Again"
  }
  recipient = redelivery(broadcast.news) # ERROR: Invalid function argument
}

audience "clicked_push" {
  description = "Clicked a push"
  click {
    request_id = push.hello.request_id # ERROR: Invalid request ID
  }
}
