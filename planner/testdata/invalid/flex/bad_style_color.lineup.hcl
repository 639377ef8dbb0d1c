push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      styles = {
        body = {
          backgroundColor = "red" # ERROR: Invalid background color
        }
      }
    }
  }
}
