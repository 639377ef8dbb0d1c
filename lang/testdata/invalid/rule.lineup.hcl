locals {
  domain = "example.com"
}

rule "severity" {
  severity      = "fatal" # ERROR: Invalid rule severity
  condition     = send.kind != "broadcast"
  error_message = "No broadcasts."
}

rule "refs" {
  condition     = strcontains(jsonencode(send.messages), local.domain) # ERROR: Invalid reference in rule
  error_message = "Links must point at ${local.domain}." # ERROR: Invalid reference in rule
}

rule "field" {
  condition     = send.estimated_message < 100 # ERROR: Unsupported attribute
  error_message = "Too many."
}

rule "whole_send" {
  condition     = send != null # ERROR: Invalid reference in rule
  error_message = "x"
}

rule "severity" { # ERROR: Duplicate rule
  condition     = true
  error_message = "x"
}

rule "bad name" { # ERROR: Invalid rule name
  condition     = true
  error_message = "x"
}
