push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      footer = {
        type   = "box"
        layout = "vertical"
        contents = [{
          type   = "button"
          action = {
            type  = "message"
            label = join("", [for i in range(41) : "a"]) # ERROR: Label too long
            text  = "a"
          }
        }]
      }
    }
  }
}
