push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  imagemap {
    base_url = "https://example.com/im"
    alt_text = "Imagemap"
    height   = 1040
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action {
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
    action { # ERROR: Too many actions
      type = "message"
      text = "hi"
      area {
        x      = 0
        y      = 0
        width  = 520
        height = 520
      }
    }
  }
}
