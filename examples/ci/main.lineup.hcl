# The configuration the CI workflow in .github/workflows/lineup.yml plans on
# every pull request and applies after merge. Try the same steps locally:
#
#   lineup plan -sandbox -out=lineup.plan -format=markdown > plan.md
#   lineup apply -sandbox lineup.plan
#
# The coupon code is sensitive: plans and comments show it as (sensitive),
# plan files as null. CI gives it from a repository secret (LINEUP_VAR_coupon);
# this default is for the sandbox.

variable "customer" {
  type        = string
  default     = "U4af4980629a1b2c3d4e5f60718293a4b"
  description = "Who gets the opening notice"
}

variable "coupon" {
  type        = string
  default     = "OPEN-SANDBOX"
  sensitive   = true
  description = "The opening coupon code"
}

bundle "opening" {
  text {
    text = "Lineup Cafe opens its second shop on Monday! Show this code at the till: ${var.coupon}"
  }
  sticker {
    package_id = "446"
    sticker_id = "1989"
  }
}

push "opening" {
  to       = var.customer
  messages = bundle.opening
}

# The team's rules, checked at validate, plan and apply. A broadcast, or a
# send of more than 10,000 estimated messages, needs a reviewer's approval:
# the label lineup-approve:ADDR on the pull request (see lineup.yml).
policy {
  max_estimated_messages = 50000
  require_approval {
    kinds                   = ["broadcast"]
    estimated_messages_over = 10000
  }
}
