lineup {
  inbox = "webhook/inbox.jsonl"
}

variable "customer" {
  type    = string
  default = "U0123456789abcdef0123456789abcdef"
}

push "answer" {
  to = var.customer
  text {
    text        = "Yes, we have a table for you at seven."
    quote_token = inbox["500000000000000001"].quote_token
  }
}
