# Reply rules for `lineup serve`: when a customer writes to the account,
# the first rule whose match fits the text answers, quoting the message.
# Every message received goes to the inbox (lineup.inbox.jsonl), where a
# push can quote it later with inbox["MESSAGE_ID"] (`lineup inbox` lists
# the IDs).
#
# serve answers with the reply rules as last applied: a rule reaches
# users once a plan that shows it is applied, like a send.
#
#   lineup apply                     # records the rules (and sends the push)
#   export LINE_CHANNEL_SECRET=...   # verifies the webhooks
#   lineup serve -addr 127.0.0.1:8080
#
# or, with nothing leaving this machine (the embedded sandbox plays LINE
# and the users; serve prints how to make a user write; -unreviewed
# answers with the rules as they are, applied or not):
#
#   lineup serve -sandbox -unreviewed

lineup {
  inbox = "lineup.inbox.jsonl"
}

variable "customer" {
  type        = string
  default     = "U0123456789abcdef0123456789abcdef"
  description = "Who hears about reservations by chat"
}

locals {
  shop = "Lineup Cafe"
}

push "announce" {
  to = var.customer
  text {
    text = "${local.shop} now takes reservations by chat: just write to us here."
  }
}
