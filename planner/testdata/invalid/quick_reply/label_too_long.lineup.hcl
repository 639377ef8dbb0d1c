push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "Pick"
    quick_reply {
      item {
        type  = "message"
        label = "twenty-one characters" # ERROR: Label too long
        text  = "yes"
      }
    }
  }
}
