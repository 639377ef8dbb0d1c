narrowcast "sale" {
  text {
    text = "Sale!"
  }
  filter = or(
    age(18, 25), # ERROR: Invalid function argument
    age(30, 20), # ERROR: Invalid function argument
    subscription_period(30, 30), # ERROR: Invalid function argument
    subscription_period(null, 14), # ERROR: Invalid function argument
  )
}

narrowcast "open_ended" {
  text {
    text = "Sale!"
  }
  filter = age(null, null) # ERROR: Error in function call
}
