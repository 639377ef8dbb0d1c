locals {
  a = "${local.b}!" # ERROR: Reference cycle
  b = upper(local.c) # ERROR: Reference cycle
  c = local.a # ERROR: Reference cycle
}

push "p" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = local.a
  }
}
