variable "count" { # ERROR: No value for required variable
  type = number
}
