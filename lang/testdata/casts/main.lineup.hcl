# Every kind of send but push, and audiences of every kind.

audience "vip" {
  description = "VIP customers"
  user_ids    = file_lines("audiences/vip.txt")
}

audience "listed" {
  description = "Listed by hand"
  user_ids    = ["U00000000000000000000000000000001", "U00000000000000000000000000000002"]
}

audience "clicked_autumn" {
  description = "Clicked the autumn sale"
  click {
    request_id = narrowcast.autumn_sale.request_id
    url        = "https://example.com/sale"
  }
}

audience "saw_news" {
  description = "Saw the news"
  impression {
    request_id = broadcast.news.request_id
  }
}

bundle "sale" {
  text {
    text = "Sale!"
  }
}

narrowcast "autumn_sale" {
  messages = bundle.sale
}

narrowcast "winter_sale" {
  messages  = bundle.sale
  recipient = and(audience(audience.vip), not(redelivery(narrowcast.autumn_sale)))
  filter    = age(null, 30)
  limit {
    max = 100
  }
  wait                  = false
  notification_disabled = true
}

narrowcast "retarget" {
  messages  = bundle.sale
  recipient = audience(audience.clicked_autumn)
}

broadcast "news" {
  text {
    text = "News"
  }
}

multicast "members" {
  to               = file_lines("members.txt")
  messages         = bundle.sale
  aggregation_unit = "members"
}

multicast "followup" {
  to = ["U00000000000000000000000000000001"]
  text {
    text = join(",", multicast.members.request_ids)
  }
}
