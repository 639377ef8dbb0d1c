audience "none" { # ERROR: Exactly one of user_ids, click and impression
  description = "Nobody"
}

audience "both" {
  description = "Both"
  user_ids    = ["U4af4980629a1b2c3d4e5f60718293a4b"]
  impression { # ERROR: Exactly one of user_ids, click and impression
    request_id = "5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4"
  }
}

audience "empty_name" {
  description = " " # ERROR: Invalid audience description
  user_ids    = ["U4af4980629a1b2c3d4e5f60718293a4b"]
}

audience "long_name" {
  description = join("", [for i in range(121) : "x"]) # ERROR: Invalid audience description
  user_ids    = ["U4af4980629a1b2c3d4e5f60718293a4b"]
}

audience "bad_id" {
  description = "Bad"
  user_ids    = ["U4af4980629a1b2c3d4e5f60718293a4b", "C4af4980629a1b2c3d4e5f60718293a4b"] # ERROR: Invalid user ID
}

audience "nobody" {
  description = "Nobody at all"
  user_ids    = [] # ERROR: Wrong number of user IDs
}
