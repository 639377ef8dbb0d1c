bundle "winter_sale" {
  text {
    text = "Winter sale at ${local.shop}: 20% off everything this weekend."
  }
  template {
    alt_text = "Winter sale"
    buttons {
      text = "See what is on sale"
      action {
        type  = "uri"
        label = "Open"
        uri   = local.sale_url
      }
    }
  }
}

narrowcast "winter_sale" {
  messages  = bundle.winter_sale
  recipient = audience(audience.vip)
  # Young adults, and everyone who has been a friend for a year or more.
  filter = or(
    age(20, 40),
    subscription_period(365, null),
  )
  limit {
    max                   = 1000
    up_to_remaining_quota = true
  }
}

# A reminder for those the sale reached who have not clicked its link yet.
narrowcast "reminder" {
  text {
    text = "Last day of the winter sale at ${local.shop}!"
  }
  recipient = and(redelivery(narrowcast.winter_sale), not(audience(audience.clicked_sale)))
  wait      = false
}

broadcast "thanks" {
  text {
    text = "Thank you for a great year at ${local.shop}."
  }
  notification_disabled = true
}
