# Unknown keys in flex contents are warnings, with the key LINE's schema
# names that was most likely meant (# WARNING comments); a JSON syntax
# error in a flex file points at its line and column (flex_keys_test.go).
push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "Flex"
    contents = {
      type = "bubble"
      hero = {
        type        = "image"
        url         = "https://example.com/a.png"
        aspectRatoi = "20:13" # WARNING: Did you mean "aspectRatio"?
      }
      body = {
        type     = "box"
        layout   = "vertical"
        contents = [{ type = "text", text = "hi", wieght = "bold" }] # WARNING: Did you mean "weight"?
        background = {
          type       = "linearGradient"
          angle      = "90deg"
          startColor = "#000000"
          endColor   = "#ffffff"
          centreColor = "#888888" # WARNING: Did you mean "centerColor"?
        }
      }
      styles = {
        footer = { separator = true, colour = "#ffffff" } # WARNING: its keys are backgroundColor, separator, separatorColor.
      }
    }
  }
  flex {
    alt_text = "Flex"
    contents = file("flex/broken.json")
  }
}
