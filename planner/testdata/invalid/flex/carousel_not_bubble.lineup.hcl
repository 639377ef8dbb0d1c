push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "carousel"
      contents = [
        { type = "box", layout = "vertical", contents = [] }, # ERROR: Invalid carousel content
      ]
    }
  }
}
