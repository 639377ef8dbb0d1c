policy {
  quiet_hours {
    from      = "21:00"
    to        = "21:00" # ERROR: Quiet hours are empty
    time_zone = "Asia/Tokyo"
  }
  require_approval { # ERROR: Empty require_approval block
  }
}

variable "zone" {
  default = "Asia/Tokyo"
}

rule "uses_zone" {
  condition     = var.zone != ""
  error_message = "x"
}

rule "no_condition" { # ERROR: Missing required argument
  error_message = "x"
}
