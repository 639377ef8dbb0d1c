# -var count=many

variable "count" {
  type = number # ERROR: Invalid value for input variable
}
