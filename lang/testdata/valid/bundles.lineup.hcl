bundle "welcome" {
  text {
    text = "🍎 Welcome to ${local.shop}! $ and $"
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "002"
    }
  }
  sticker {
    package_id = "446"
    sticker_id = "1988"
  }
}

bundle "follow_up" {
  text {
    text        = "Did you like it?"
    quote_token = local.first_quote
  }
}

bundle "photo" {
  image {
    original_url = "https://example.com/cafe.jpg"
    preview_url  = "https://example.com/cafe_small.jpg"
  }
}
