push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = { # ERROR: Bubble too large
      type = "bubble"
      body = {
        type     = "box"
        layout   = "vertical"
        contents = [for i in range(400) : { type = "text", text = "0123456789012345678901234567890123456789012345678901234567890123456789" }]
      }
    }
  }
}
