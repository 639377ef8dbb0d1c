push "first" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "Hi"
  }
}

bundle "quoting" {
  text {
    text        = "As I said"
    quote_token = push.first.sent[0].quote_token # ERROR: Quote token not allowed
  }
}

multicast "all" {
  to       = ["U4af4980629a1b2c3d4e5f60718293a4b"]
  messages = bundle.quoting
}

broadcast "everyone" {
  sticker {
    package_id  = "446"
    sticker_id  = "1988"
    quote_token = "abc" # ERROR: Quote token not allowed
  }
}

narrowcast "some" {
  text {
    text        = "Hi"
    quote_token = push.first.sent[0].quote_token # ERROR: Quote token not allowed
  }
}
