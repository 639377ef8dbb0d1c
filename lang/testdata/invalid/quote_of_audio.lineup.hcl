# LINE returns no quote token for audio and location messages: quoting
# one is an error, not a quote silently dropped.
push "a" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  audio {
    original_url = "https://example.com/a.m4a"
    duration_ms  = 1000
  }
  location {
    title     = "Shop"
    address   = "1-1 Tokyo"
    latitude  = 35.0
    longitude = 139.0
  }
  text {
    text = "Hello"
  }
}

push "b" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text        = "About that recording"
    quote_token = push.a.sent[0].quote_token # ERROR: Nothing to quote
  }
  text {
    text        = "About that place"
    quote_token = push.a.sent[1].quote_token # ERROR: Nothing to quote
  }
  text {
    text        = "About that text"
    quote_token = push.a.sent[2].quote_token
  }
}
