push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "carousel"
      contents = [
        { type = "bubble", size = "kilo" },
        { type = "bubble", size = "giga" }, # ERROR: Unequal bubble sizes
      ]
    }
  }
}
