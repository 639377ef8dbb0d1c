push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  location {
    title     = "Shop"
    address   = "Tokyo"
    latitude  = "north" # ERROR: Incorrect attribute value type
    longitude = 139.7
  }
}
