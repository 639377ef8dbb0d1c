# A small configuration with every feature of the language so far: a
# bundle with a text (LINE emojis placed by "$") and a sticker, pushes, a
# push quoting another, and a quote token passed through a local and a
# bundle.

lineup {
  state = "state/lineup.json"
  channel {
    token_env = "CAFE_TOKEN"
  }
}

variable "customer" {
  type        = string
  default     = "U4af4980629a1b2c3d4e5f60718293a4b"
  description = "Who gets the messages"
}

locals {
  shop        = "Lineup Cafe"
  first_quote = push.welcome.sent[0].quote_token
}
