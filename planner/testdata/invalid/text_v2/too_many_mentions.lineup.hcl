push "p" {
  to = "C0123456789abcdef0123456789abcdef"
  text_v2 {
    text = "{m0} {m1} {m2} {m3} {m4} {m5} {m6} {m7} {m8} {m9} {m10} {m11} {m12} {m13} {m14} {m15} {m16} {m17} {m18} {m19} {m20}"
    mention "m0" {
      all = true
    }
    mention "m1" {
      all = true
    }
    mention "m2" {
      all = true
    }
    mention "m3" {
      all = true
    }
    mention "m4" {
      all = true
    }
    mention "m5" {
      all = true
    }
    mention "m6" {
      all = true
    }
    mention "m7" {
      all = true
    }
    mention "m8" {
      all = true
    }
    mention "m9" { # ERROR: Too many mentions
      all = true
    }
    mention "m10" {
      all = true
    }
    mention "m11" {
      all = true
    }
    mention "m12" {
      all = true
    }
    mention "m13" {
      all = true
    }
    mention "m14" {
      all = true
    }
    mention "m15" {
      all = true
    }
    mention "m16" {
      all = true
    }
    mention "m17" {
      all = true
    }
    mention "m18" {
      all = true
    }
    mention "m19" {
      all = true
    }
    mention "m20" {
      all = true
    }
  }
}
