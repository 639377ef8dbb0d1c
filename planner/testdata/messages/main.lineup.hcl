# Every message type and option lineup knows, valid as LINE wants it.
# The bodies lineup sends for it are bodies.golden.json.

locals {
  user  = "U4af4980629a1b2c3d4e5f60718293a4b"
  group = "C4af4980629a1b2c3d4e5f60718293a4b"
  shop  = "Lineup Cafe"
}

bundle "texts" {
  text {
    text = "Hello $ and $"
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "001"
    }
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "002"
    }
    sender {
      name     = "Cafe bot"
      icon_url = "https://example.com/icon.png"
    }
  }
  text {
    text = "Pinned $"
    emoji {
      product_id = "5ac1bfd5040ab15980c9b435"
      emoji_id   = "003"
      index      = 7
    }
  }
  text_v2 {
    text = "Welcome, {user1}! {laugh}\n{everyone} There is a newcomer! {{not a key}}"
    mention "user1" {
      user_id = local.user
    }
    mention "everyone" {
      all = true
    }
    emoji "laugh" {
      product_id = "5a8555cfe6256cc92ea23c2a"
      emoji_id   = "002"
    }
  }
  sticker {
    package_id = "446"
    sticker_id = "1988"
  }
}

bundle "media" {
  image {
    original_url = "https://example.com/original.jpg"
    preview_url  = "https://example.com/preview.jpg"
  }
  video {
    original_url = "https://example.com/video.mp4"
    preview_url  = "https://example.com/preview.jpg"
    tracking_id  = "track-1"
  }
  audio {
    original_url = "https://example.com/audio.m4a"
    duration_ms  = 60000
  }
  location {
    title     = "${local.shop}"
    address   = "1-3 Kioicho, Chiyoda-ku, Tokyo"
    latitude  = 35.67966
    longitude = 139.73669
  }
  imagemap {
    base_url = "https://example.com/bot/images/rm001"
    alt_text = "This is an imagemap"
    height   = 1040
    video {
      original_url = "https://example.com/video.mp4"
      preview_url  = "https://example.com/video_preview.jpg"
      area {
        x      = 0
        y      = 0
        width  = 1040
        height = 585
      }
      external_link {
        link_uri = "https://example.com/see_more.html"
        label    = "See More"
      }
    }
    action {
      type     = "uri"
      link_uri = "https://example.com/"
      label    = "Open"
      area {
        x      = 0
        y      = 586
        width  = 520
        height = 454
      }
    }
    action {
      type = "message"
      text = "Hello"
      area {
        x      = 520
        y      = 586
        width  = 260
        height = 454
      }
    }
    action {
      type           = "clipboard"
      clipboard_text = "3B48740B"
      area {
        x      = 780
        y      = 586
        width  = 260
        height = 454
      }
    }
  }
}

bundle "templates" {
  template {
    alt_text = "Menu"
    buttons {
      thumbnail_image_url    = "https://example.com/bot/images/image.jpg"
      image_aspect_ratio     = "rectangle"
      image_size             = "cover"
      image_background_color = "#FFFFFF"
      title                  = "Menu"
      text                   = "Please select"
      default_action {
        type  = "uri"
        label = "View detail"
        uri   = "https://example.com/page/123"
      }
      action {
        type         = "postback"
        label        = "Buy"
        data         = "action=buy&itemid=123"
        display_text = "Buy"
        input_option = "openKeyboard"
        fill_in_text = "---\nName: \nPhone: \n---"
      }
      action {
        type = "message"
        label = "Add to cart"
        text = "add"
      }
      action {
        type            = "uri"
        label           = "View detail"
        uri             = "https://example.com/page/123"
        alt_uri_desktop = "https://example.com/pc/page/123"
      }
      action {
        type    = "datetimepicker"
        label   = "Select date"
        data    = "storeId=12345"
        mode    = "datetime"
        initial = "2017-12-25T00:00"
        max     = "2018-01-24T23:59"
        min     = "2017-12-25T00:00"
      }
    }
  }
  template {
    alt_text = "Are you sure?"
    confirm {
      text = "Are you sure?"
      action {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      action {
        type           = "clipboard"
        label          = "Copy"
        clipboard_text = "no"
      }
    }
  }
  template {
    alt_text = "Carousel"
    carousel {
      image_aspect_ratio = "square"
      image_size         = "contain"
      column {
        thumbnail_image_url    = "https://example.com/item1.jpg"
        image_background_color = "#FFFFFF"
        title                  = "This is menu"
        text                   = "description"
        default_action {
          type  = "uri"
          label = "View detail"
          uri   = "https://example.com/page/123"
        }
        action {
          type = "postback"
          label = "Buy"
          data = "action=buy&itemid=111"
        }
      }
      column {
        thumbnail_image_url = "https://example.com/item2.jpg"
        title               = "This is menu"
        text                = "description"
        action {
          type = "postback"
          label = "Buy"
          data = "action=buy&itemid=222"
        }
      }
    }
  }
  template {
    alt_text = "Image carousel"
    image_carousel {
      column {
        image_url = "https://example.com/item1.jpg"
        action {
          type  = "postback"
          label = "Buy"
          data  = "action=buy&itemid=111"
        }
      }
      column {
        image_url = "https://example.com/item2.jpg"
        action {
          type = "datetimepicker"
          data = "storeId=12345"
          mode = "date"
        }
      }
    }
  }
}

bundle "flexes" {
  flex {
    alt_text = "Receipt"
    contents = file("flex/receipt.json")
  }
  flex {
    alt_text = "Two bubbles"
    contents = {
      type = "carousel"
      contents = [
        {
          type = "bubble"
          body = {
            type     = "box"
            layout   = "vertical"
            contents = [{ type = "text", text = "First" }]
          }
        },
        {
          type = "bubble"
          body = {
            type   = "box"
            layout = "baseline"
            contents = [
              { type = "icon", url = "https://example.com/star.png" },
              { type = "text", contents = [{ type = "span", text = "Second" }] },
            ]
          }
          footer = {
            type   = "box"
            layout = "vertical"
            contents = [{
              type   = "button"
              style  = "primary"
              action = { type = "uri", label = "Open", uri = "https://example.com" }
            }]
          }
        },
      ]
    }
    quick_reply {
      item {
        type  = "message"
        label = "Yes"
        text  = "yes"
      }
      item {
        type      = "postback"
        label     = "Later"
        data      = "later"
        image_url = "https://example.com/later.png"
      }
      item {
        type  = "camera"
        label = "Camera"
      }
      item {
        type  = "camera_roll"
        label = "Photos"
      }
      item {
        type  = "location"
        label = "Where"
      }
      item {
        type  = "datetimepicker"
        label = "When"
        data  = "when"
        mode  = "time"
        min   = "10:00"
        max   = "18:00"
      }
      item {
        type  = "uri"
        label = "Web"
        uri   = "tel:0312345678"
      }
      item {
        type           = "clipboard"
        label          = "Copy"
        clipboard_text = "ABC"
      }
    }
  }
}

push "texts" {
  to       = local.group
  messages = bundle.texts
}

push "media" {
  to                    = local.user
  messages              = bundle.media
  notification_disabled = true
}

push "templates" {
  to       = local.user
  messages = bundle.templates
}

push "flexes" {
  to       = local.user
  messages = bundle.flexes
}

push "quoting" {
  to = local.group
  text {
    text        = "Quoting"
    quote_token = push.texts.sent[0].quote_token
  }
  sticker {
    package_id  = "446"
    sticker_id  = "1989"
    quote_token = push.texts.sent[2].quote_token
  }
  text_v2 {
    text        = "Quoting {{too}}"
    quote_token = push.texts.sent[3].quote_token
  }
}
