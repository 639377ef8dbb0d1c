push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "Pick"
    quick_reply {
      item {
        type  = "richmenu_switch" # ERROR: Invalid action type
        label = "Menu"
        data  = "x"
      }
    }
  }
}
