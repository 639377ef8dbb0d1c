push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = file("missing.json") # ERROR: Invalid function argument
  }
}
