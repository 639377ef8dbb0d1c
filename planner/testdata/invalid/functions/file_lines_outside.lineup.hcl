locals {
  ids = file_lines("/etc/hostname") # ERROR: Invalid function argument
}
push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "hi"
  }
}
