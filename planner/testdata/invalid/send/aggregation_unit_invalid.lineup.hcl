push "p" {
  to               = "U0123456789abcdef0123456789abcdef"
  aggregation_unit = "spring-sale" # ERROR: Invalid aggregation unit
  text {
    text = "Spring sale"
  }
}

multicast "m" {
  to               = ["U0123456789abcdef0123456789abcdef"]
  aggregation_unit = "a_unit_name_of_thirty_one_chars" # ERROR: Invalid aggregation unit
  text {
    text = "Spring sale"
  }
}
