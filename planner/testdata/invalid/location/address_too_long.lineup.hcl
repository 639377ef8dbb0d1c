push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  location {
    title     = "Shop"
    address   = join("", [for i in range(51) : "🏠"]) # ERROR: Address too long
    latitude  = 35.6
    longitude = 139.7
  }
}
