push "welcome" {
  to       = var.customer
  messages = bundle.welcome
}

push "order_shipped" {
  to               = var.customer
  messages         = bundle.shipped
  aggregation_unit = "order_notice"
}

push "thanks" {
  to = var.customer
  text {
    text        = "Thank you for your order! Reply here if anything is wrong with it."
    quote_token = push.order_shipped.sent[0].quote_token
  }
}
