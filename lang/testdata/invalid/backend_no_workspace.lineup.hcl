lineup {
  backend "postgres" { # ERROR: Missing required argument
    schema = "lineup"
  }
}
