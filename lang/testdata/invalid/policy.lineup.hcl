policy {
  max_estimated_messages = 0 # ERROR: Invalid message count
  quiet_hours {
    from      = "9pm" # ERROR: Invalid time of day
    to        = "08:00"
    time_zone = "Asia/Tokio" # ERROR: Unknown time zone
  }
  quiet_hours { # ERROR: Duplicate quiet_hours block
    from      = "21:00"
    to        = "08:00"
    time_zone = "Asia/Tokyo"
  }
  require_approval {
    kinds                   = ["broadcast", "pushes"] # ERROR: Unknown send kind
    estimated_messages_over = 1.5 # ERROR: Invalid message count
  }
  cooldown = "1h" # ERROR: Unsupported argument
}

policy { # ERROR: Duplicate policy block
}
