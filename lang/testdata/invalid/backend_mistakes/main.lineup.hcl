lineup {
  state = "x.json" # ERROR: State file with a backend
  backend "postgres" {
    url_env   = "postgres://lineup:hunter2@db/lineup" # ERROR: Database URL in the configuration
    schema    = "Lineup-State" # ERROR: Invalid schema name
    workspace = "production"
  }
  backend "postgres" { # ERROR: Duplicate backend block
    workspace = "staging"
  }
}
