locals {
  women = gender("female")
  vip   = audience(1234567890123)
}

narrowcast "mixed" {
  text {
    text = "Sale!"
  }
  recipient = and(audience(1234567890123),
  gender("male")) # ERROR: Filter condition in recipient
  filter = or(age(20, 25), redelivery("5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4")) # ERROR: Recipient condition in filter
}

narrowcast "through_locals" {
  text {
    text = "Sale!"
  }
  recipient = not(local.women) # ERROR: Filter condition in recipient
  filter    = local.vip         # ERROR: Recipient condition in filter
}

narrowcast "not_a_condition" {
  text {
    text = "Sale!"
  }
  recipient = { type = "everyone" } # ERROR: Invalid recipient
  filter    = and("male")           # ERROR: Invalid function argument
}
