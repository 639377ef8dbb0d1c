push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      body = {
        type   = "box"
        layout = "vertical"
        contents = [
          { type = "text", text = "ok" },
          { type = "icon", url = "https://example.com/i.png" }, # ERROR: Component not allowed here
        ]
      }
    }
  }
}
