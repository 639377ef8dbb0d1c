locals {
  quoted = push.to_user.sent[0].quote_token
}

bundle "reply" {
  text {
    text        = "Quoting through a bundle"
    quote_token = local.quoted # ERROR: Quote token from another chat
  }
}

push "to_user" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "Hello"
  }
}

# Same chat: fine.
push "same_chat" {
  to       = "U4af4980629a1b2c3d4e5f60718293a4b"
  messages = bundle.reply
}

push "to_room" {
  to       = "Ra56f94637c0123456789abcdef012345"
  messages = concat(bundle.reply)
}
