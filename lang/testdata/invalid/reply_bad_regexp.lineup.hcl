reply "broken" {
  match = "(unclosed" # ERROR: Invalid regular expression
  text {
    text = "never"
  }
}
