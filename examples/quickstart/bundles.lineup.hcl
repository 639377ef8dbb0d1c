bundle "welcome" {
  text {
    text = "Welcome to ${local.shop}! $"
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
  }
  sticker {
    package_id = "446"
    sticker_id = "1988"
  }
}

bundle "shipped" {
  text {
    text = "Your order from ${local.shop} has shipped. It should arrive on Thursday."
  }
}
