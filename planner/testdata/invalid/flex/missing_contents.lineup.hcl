push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex { # ERROR: Missing required argument
    alt_text = "Flex"
  }
}
