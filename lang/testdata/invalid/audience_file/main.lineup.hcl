audience "bad_line" {
  description = "Bad line"
  user_ids    = file_lines("ids/bad.txt") # ERROR: Invalid user ID
}

audience "outside" {
  description = "Outside"
  user_ids    = file_lines("../secret.txt") # ERROR: Invalid user ID file
}

audience "missing" {
  description = "Missing"
  user_ids    = file_lines("ids/missing.txt") # ERROR: Invalid user ID file
}
