lineup {
  backend "s3" { # ERROR: Unsupported backend
    bucket = "x"
  }
}
