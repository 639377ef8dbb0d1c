push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      body = {
        type   = "box"
        layout = "baseline"
        contents = [
          { type = "button", action = { type = "message", label = "a", text = "a" } }, # ERROR: Component not allowed here
        ]
      }
    }
  }
}
