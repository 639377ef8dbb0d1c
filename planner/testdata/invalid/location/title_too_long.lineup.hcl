push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  location {
    title     = join("", [for i in range(101) : "a"]) # ERROR: Title too long
    address   = "Tokyo"
    latitude  = 35.6
    longitude = 139.7
  }
}
