push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = "[1, 2]" # ERROR: Invalid flex contents
  }
}
