push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 { # ERROR: Too many substitutions
    text = "{e0} {e1} {e2} {e3} {e4} {e5} {e6} {e7} {e8} {e9} {e10} {e11} {e12} {e13} {e14} {e15} {e16} {e17} {e18} {e19} {e20} {e21} {e22} {e23} {e24} {e25} {e26} {e27} {e28} {e29} {e30} {e31} {e32} {e33} {e34} {e35} {e36} {e37} {e38} {e39} {e40} {e41} {e42} {e43} {e44} {e45} {e46} {e47} {e48} {e49} {e50} {e51} {e52} {e53} {e54} {e55} {e56} {e57} {e58} {e59} {e60} {e61} {e62} {e63} {e64} {e65} {e66} {e67} {e68} {e69} {e70} {e71} {e72} {e73} {e74} {e75} {e76} {e77} {e78} {e79} {e80} {e81} {e82} {e83} {e84} {e85} {e86} {e87} {e88} {e89} {e90} {e91} {e92} {e93} {e94} {e95} {e96} {e97} {e98} {e99} {e100}"
    emoji "e0" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e1" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e2" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e3" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e4" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e5" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e6" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e7" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e8" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e9" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e10" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e11" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e12" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e13" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e14" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e15" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e16" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e17" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e18" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e19" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e20" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e21" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e22" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e23" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e24" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e25" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e26" { # ERROR: Too many emojis
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e27" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e28" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e29" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e30" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e31" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e32" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e33" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e34" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e35" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e36" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e37" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e38" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e39" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e40" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e41" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e42" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e43" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e44" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e45" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e46" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e47" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e48" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e49" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e50" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e51" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e52" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e53" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e54" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e55" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e56" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e57" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e58" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e59" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e60" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e61" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e62" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e63" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e64" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e65" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e66" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e67" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e68" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e69" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e70" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e71" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e72" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e73" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e74" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e75" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e76" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e77" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e78" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e79" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e80" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e81" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e82" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e83" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e84" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e85" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e86" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e87" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e88" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e89" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e90" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e91" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e92" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e93" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e94" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e95" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e96" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e97" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e98" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e99" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji "e100" {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
  }
}
