# The narrowcast of LINE's "Send messages" guide, "Example request to send
# a narrowcast message"; body.json is that request's body.
narrowcast "example" {
  text {
    text = "test message"
  }
  recipient = and(audience(5614991017776), not(redelivery("5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4")))
  filter = or(
    and(gender("male", "female"), age(20, 25), app_type("android", "ios"),
    area("jp_23", "jp_05"), subscription_period(7, 30)),
    and(age(35, 40), not(gender("male"))),
  )
  limit {
    max                   = 100
    up_to_remaining_quota = true
  }
}
