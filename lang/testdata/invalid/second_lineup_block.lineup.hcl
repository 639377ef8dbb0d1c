lineup {
  state = "lineup.state.json"
}

lineup { # ERROR: Duplicate lineup block
  state = "other.state.json"
}
