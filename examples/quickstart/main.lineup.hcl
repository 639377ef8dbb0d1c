# The quickstart: two bundles and three pushes to one customer, the last of
# which quotes the first push's text.
#
#   lineup plan -sandbox
#   lineup apply -sandbox -auto-approve

lineup {
  state = "lineup.state.json"
  channel {
    token_env = "LINE_CHANNEL_ACCESS_TOKEN"
  }
}

variable "customer" {
  type        = string
  default     = "U4af4980629a1b2c3d4e5f60718293a4b"
  description = "Who gets the order notices"
}

locals {
  shop = "Lineup Cafe"
}
