bundle "photo" {
  image {
    original_url = "https://example.com/photo.jpg"
    preview_url  = "https://example.com/photo_small.jpg"
    quote_token  = "IStG5h1Tz7b" # ERROR: Quote token not allowed
  }
}
