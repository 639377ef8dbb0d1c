# A richer example: a flex receipt read from a JSON file, a carousel of
# menu items, a text_v2 greeting that mentions a customer in the shop's
# group chat, and quick replies.
#
#   lineup validate
#   lineup plan -sandbox
#   lineup apply -sandbox -auto-approve

lineup {
  state = "lineup.state.json"
}

variable "customer" {
  type        = string
  default     = "U4af4980629a1b2c3d4e5f60718293a4b"
  description = "Who gets the receipt"
}

variable "regulars" {
  type = string
  # The first group of lineup's sandbox (docs/sandbox.md), so that
  # `apply -sandbox` reaches it.
  default     = "C1d0f2d0f7be988107f7a96d93ec855b5"
  description = "The group chat of the shop's regulars"
}

locals {
  shop = "Lineup Cafe"
}
