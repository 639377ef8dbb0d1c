bundle "receipt" {
  flex {
    alt_text = "Your receipt from ${local.shop}"
    contents = file("flex/receipt.json")
  }
  text {
    text = "Anything else today?"
    quick_reply {
      item {
        type  = "message"
        label = "Another latte"
        text  = "Another latte, please"
      }
      item {
        type         = "postback"
        label        = "Rate us"
        data         = "action=rate"
        display_text = "I'd like to rate my visit"
      }
      item {
        type  = "location"
        label = "Find the shop"
      }
    }
  }
}

bundle "menu" {
  template {
    alt_text = "Today's menu at ${local.shop}"
    carousel {
      column {
        thumbnail_image_url = "https://example.com/cafe/latte.jpg"
        title               = "Latte"
        text                = "Espresso and steamed milk"
        action {
          type  = "postback"
          label = "Order"
          data  = "order=latte"
        }
        action {
          type  = "uri"
          label = "Details"
          uri   = "https://example.com/cafe/latte"
        }
      }
      column {
        thumbnail_image_url = "https://example.com/cafe/scone.jpg"
        title               = "Scone"
        text                = "Baked this morning"
        action {
          type  = "postback"
          label = "Order"
          data  = "order=scone"
        }
        action {
          type  = "uri"
          label = "Details"
          uri   = "https://example.com/cafe/scone"
        }
      }
    }
  }
}

bundle "welcome_regular" {
  text_v2 {
    text = "Welcome back, {customer}! {coffee} Today's special is on the menu."
    mention "customer" {
      user_id = var.customer
    }
    emoji "coffee" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    sender {
      name     = "Barista"
      icon_url = "https://example.com/cafe/barista.png"
    }
  }
}
