push "welcome" {
  to                    = var.customer
  messages              = bundle.welcome
  notification_disabled = true
  aggregation_unit      = "welcome"
}

push "answer" {
  to = var.customer
  text {
    text        = upper("yes, ${lower("WE ARE OPEN")}")
    quote_token = push.welcome.sent[1].quote_token
  }
}

push "later" {
  to       = var.customer
  messages = concat(bundle.follow_up, bundle.photo)
}
