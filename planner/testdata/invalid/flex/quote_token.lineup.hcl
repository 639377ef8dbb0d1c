push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    quote_token = "q" # ERROR: Quote token not allowed
  contents = { type = "bubble" }
  }
}
