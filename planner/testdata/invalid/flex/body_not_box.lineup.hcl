push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      body = {
        type = "text" # ERROR: Component not allowed here
        text = "hi"
      }
    }
  }
}
