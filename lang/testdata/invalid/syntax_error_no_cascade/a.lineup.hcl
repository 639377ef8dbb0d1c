# The string left open swallows the rest of the file, bundle.hello with
# it: one error, here, and none for the push in b.lineup.hcl that uses
# bundle.hello.
push "first" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "Hello # ERROR: Unterminated template string
  }
}

bundle "hello" {
  text {
    text = "Hello"
  }
}
