push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  template {
    alt_text = "Template"
    image_carousel {
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column {
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
      column { # ERROR: Too many columns
        image_url = "https://example.com/a.jpg"
        action {
          type = "message"
          text = "x"
        }
      }
    }
  }
}
