push "wrong_chat" {
  to = "Cfedcba9876543210fedcba9876543210"
  text {
    text        = "Quoting a message from a 1:1 chat in a group"
    quote_token = inbox["500000000000000001"].quote_token # ERROR: Quote token from another chat
  }
}

push "missing" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text        = "Quoting a message lineup serve never received"
    quote_token = inbox["500000000000000999"].quote_token # ERROR: Message not in the inbox
  }
}

push "by_attribute" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = inbox.first.text # ERROR: Invalid reference
  }
}
