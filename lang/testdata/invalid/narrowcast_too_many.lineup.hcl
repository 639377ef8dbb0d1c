narrowcast "many_audiences" {
  text {
    text = "Sale!"
  }
  recipient = or(audience(1), audience(2), audience(3), audience(4), audience(5), audience(6), # ERROR: Too many audiences
    audience(7), audience(8), audience(9), redelivery("a"), redelivery("b"))
}

narrowcast "many_filters" {
  text {
    text = "Sale!"
  }
  filter = or(area("jp_01"), area("jp_02"), area("jp_03"), area("jp_04"), area("jp_05"), area("jp_06"), # ERROR: Too many filter conditions
    area("jp_07"), area("jp_08"), area("jp_09"), area("jp_10"), not(area("jp_11")))
}

narrowcast "bad_values" {
  text {
    text = "Sale!"
  }
  filter = and(
    gender("other"),      # ERROR: Invalid function argument
    app_type("windows"),  # ERROR: Invalid function argument
    area("jp_48"),        # ERROR: Invalid function argument
  )
}
