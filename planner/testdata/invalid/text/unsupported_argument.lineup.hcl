push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = join("", [for i in range(21) : "$"])
    dynamic = 1 # ERROR: Unsupported argument
  }
}
