push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "Pick"
    quick_reply {
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
      item { # ERROR: Too many quick reply items
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
    }
  }
}
