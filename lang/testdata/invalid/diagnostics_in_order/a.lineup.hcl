# Diagnostics come in file and line order, whichever stage finds them:
# the variable without a value (found first) is reported after the
# mistakes above it.
push "one" {
  to     = "U4af4980629a1b2c3d4e5f60718293a4b"
  notify = true # ERROR: Unsupported argument
  text {
    text = "Hello"
  }
}

push "two" {
  to = local.missing # ERROR: Reference to undeclared local value
  text {
    text = "Hello"
  }
}

variable "who" { # ERROR: No value for required variable
}
