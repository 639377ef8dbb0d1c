variable "customer" { # ERROR: No value for required variable
  type = string
}
