# The same address as in a.lineup.hcl.
push "welcome" { # ERROR: Duplicate push
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "Hello again"
  }
}
