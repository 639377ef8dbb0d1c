variable "customer" {
  type    = string
  default = "nobody"
  validation {
    condition     = substr(var.customer, 0, 1) == "U" # ERROR: Invalid value for variable
    error_message = "A customer is a user ID, starting with U."
  }
}
