reply "picture" {
  match = "picture"
  image {
    original_url = "https://example.com/a.jpg"
    preview_url  = "https://example.com/a-small.jpg"
  }
  quote = true # ERROR: Nothing to quote with
}

reply "twice" { # ERROR: No message objects
  match = "x"
}
