push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  location {
    title     = "Shop"
    address   = "Tokyo"
    latitude  = 91 # ERROR: Invalid latitude
    longitude = -181 # ERROR: Invalid longitude
  }
}
