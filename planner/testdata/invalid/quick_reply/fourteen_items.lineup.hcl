push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "Pick"
    quick_reply { # ERROR: Too many quick reply items
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
