push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = 42 # ERROR: Invalid flex contents
  }
}
