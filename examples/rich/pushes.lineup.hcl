push "receipt" {
  to       = var.customer
  messages = bundle.receipt
}

push "menu" {
  to       = var.customer
  messages = bundle.menu
}

# Mentions need a group or room: this one greets the customer where the
# other regulars see it.
push "welcome_regular" {
  to       = var.regulars
  messages = bundle.welcome_regular
}
