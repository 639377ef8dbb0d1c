bundle "a" {
  text {
    text = "1"
  }
  text {
    text = "2"
  }
  text {
    text = "3"
  }
}

bundle "b" {
  text {
    text = "4"
  }
  sticker {
    package_id = "446"
    sticker_id = "1988"
  }
  text {
    text = "6"
  }
}

push "chatty" {
  to       = "U4af4980629a1b2c3d4e5f60718293a4b"
  messages = concat(bundle.a, bundle.b) # ERROR: Too many message objects
}
