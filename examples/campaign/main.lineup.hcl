# A seasonal campaign with audiences: an upload audience from a file, a
# narrowcast to it with a demographic filter and a limit, a click audience
# built from that narrowcast, and a reminder to those the sale reached who
# did not click. apply creates the VIP audience, sends the sale, waits for
# its delivery, then builds the click audience and sends the reminder.
#
#   lineup plan -sandbox
#   lineup apply -sandbox -auto-approve

lineup {
  state = "lineup.state.json"
}

locals {
  shop     = "Lineup Cafe"
  sale_url = "https://example.com/winter-sale"
}

audience "vip" {
  description = "${local.shop} VIP customers"
  user_ids    = file_lines("audiences/vip.txt")
}

# Everyone who clicked the sale link in narrowcast.winter_sale; known once
# that narrowcast is sent.
audience "clicked_sale" {
  description = "Clicked the winter sale"
  click {
    request_id = narrowcast.winter_sale.request_id
    url        = local.sale_url
  }
}
