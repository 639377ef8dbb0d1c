variable "launch" {
  default = "2026-12-24 09:00"
}

push "no_offset" {
  to         = "U0123456789abcdef0123456789abcdef"
  not_before = "2026-12-24T09:00:00" # ERROR: Invalid not_before
  text {
    text = "hello"
  }
}

push "bad_zone" {
  to         = "U0123456789abcdef0123456789abcdef"
  not_before = "2026-12-24T09:00:00 Asia/Tokio" # ERROR: Invalid not_before
  text {
    text = "hello"
  }
}

broadcast "empty_window" {
  not_before = "2026-12-24T09:00:00+09:00"
  not_after  = "2026-12-24T08:00:00 Asia/Tokyo" # ERROR: Send window is empty
  text {
    text = "hello"
  }
}

multicast "not_a_string" {
  to        = ["U0123456789abcdef0123456789abcdef"]
  not_after = ["2026-12-24T09:00:00Z"] # ERROR: Incorrect attribute value type
  text {
    text = "hello"
  }
}

narrowcast "from_variable" {
  not_before = var.launch # ERROR: Invalid not_before
  text {
    text = "hello"
  }
}

push "local_time_typo" {
  to        = "U0123456789abcdef0123456789abcdef"
  not_after = "2026-13-24T09:00:00 UTC" # ERROR: Invalid not_after
  text {
    text = "hello"
  }
}
