push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      body = {
        type     = "box"
        layout   = "vertical"
        contents = [{ type = "span", text = "x" }] # ERROR: Component not allowed here
      }
    }
  }
}
