package preview

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/rules"
)

// Sizes of the chat (px): the phone's width, and the widest a carousel's
// bubble may be (80% of the screen).
const (
	phoneWidth  = 375
	carouselMax = phoneWidth * 0.8
)

// message draws one message object
// (https://developers.line.biz/en/reference/messaging-api/#message-objects).
// wide messages (carousels, imagemaps) take the chat's whole width under
// the name.
func (d *drawer) message(m map[string]any, path string) (n *node, wide bool) {
	if alt, ok := m["altText"]; ok {
		d.alts = append(d.alts, Note{Path: path, Text: d.value(alt, lang.JoinKey(path, "altText"))})
	}
	switch t := str(m["type"]); t {
	case "text":
		return d.textMessage(m, path), false
	case "textV2":
		return d.textV2(m, path), false
	case "sticker":
		u := "https://stickershop.line-scdn.net/stickershop/v1/sticker/" + idPart(m["stickerId"]) + "/android/sticker.png"
		p := d.picture("sticker", u, "contain")
		p.Kids[0].Text = "sticker " + idPart(m["packageId"]) + "/" + idPart(m["stickerId"])
		return p, false
	case "image":
		return d.picture("photo", d.value(m["previewImageUrl"], lang.JoinKey(path, "previewImageUrl")), "cover"), false
	case "video":
		p := d.picture("movie", d.value(m["previewImageUrl"], lang.JoinKey(path, "previewImageUrl")), "cover")
		return p.add(span("play", "▶")), false
	case "audio":
		ms, _ := rules.Number(m["duration"])
		sec := int(ms / 1000)
		return div("bubble-text audio", span("play-mark", "▶"), span("dur", fmt.Sprintf("%d:%02d", sec/60, sec%60))), false
	case "location":
		return d.location(m, path), false
	case "imagemap":
		return d.imagemap(m, path), true
	case "template":
		return d.template(obj(m["template"]), lang.JoinKey(path, "template"))
	case "flex":
		c := obj(m["contents"])
		cp := lang.JoinKey(path, "contents")
		if str(c["type"]) == "carousel" {
			d.unrolled = append(d.unrolled, d.carousel(c, cp, true))
			return d.carousel(c, cp, false), true
		}
		return d.bubble(c, cp, phoneWidth-70), false
	default:
		return textNode("bubble-text", "("+t+" message)"), false
	}
}

// idPart is an ID for a URL path: digits and letters only.
func idPart(v any) string {
	s := str(v)
	if f, ok := rules.Number(v); ok {
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, s)
}

// emojiURL is where LINE's CDN keeps a LINE emoji.
func emojiURL(e map[string]any) string {
	return "https://stickershop.line-scdn.net/sticonshop/v1/sticon/" + idPart(e["productId"]) + "/android/" + idPart(e["emojiId"]) + ".png"
}

// textMessage draws a text message: each "$" that emojis name (by index
// in UTF-16 code units) is the LINE emoji.
func (d *drawer) textMessage(m map[string]any, path string) *node {
	n := &node{Class: "bubble-text"}
	text := d.value(m["text"], lang.JoinKey(path, "text"))
	at := map[int]map[string]any{}
	for _, e := range list(m["emojis"]) {
		if i, ok := rules.Number(obj(e)["index"]); ok {
			at[int(i)] = obj(e)
		}
	}
	var run strings.Builder
	u16 := 0
	for _, r := range text {
		if e := at[u16]; e != nil && r == '$' {
			n.add(span("", run.String()))
			run.Reset()
			n.add(d.emoji(e))
		} else {
			run.WriteRune(r)
		}
		u16 += len(utf16.Encode([]rune{r}))
	}
	n.add(span("", run.String()))
	if m["quoteToken"] != nil {
		n.Kids = append([]*node{textNode("quote", "Quotes a message")}, n.Kids...)
	}
	return n
}

func (d *drawer) emoji(e map[string]any) *node {
	p := d.picture("emoji", emojiURL(e), "contain")
	p.Inline = true
	p.Title = "LINE emoji " + idPart(e["productId"]) + "/" + idPart(e["emojiId"])
	p.Kids[0].Text = idPart(e["productId"]) + "/" + idPart(e["emojiId"])
	return p
}

// textV2 draws a textV2 message: each {key} is its substitution, an
// emoji or a mention; a mention's name is known only at delivery, so it
// is a placeholder.
func (d *drawer) textV2(m map[string]any, path string) *node {
	n := &node{Class: "bubble-text"}
	text := d.value(m["text"], lang.JoinKey(path, "text"))
	subs := obj(m["substitution"])
	for text != "" {
		i := strings.IndexByte(text, '{')
		j := strings.IndexByte(text[max(i, 0):], '}')
		if i < 0 || j < 0 {
			break
		}
		key := text[i+1 : i+j]
		s := obj(subs[key])
		if s == nil {
			n.add(span("", text[:i+j+1]))
			text = text[i+j+1:]
			continue
		}
		n.add(span("", text[:i]))
		text = text[i+j+1:]
		switch str(s["type"]) {
		case "emoji":
			n.add(d.emoji(s))
		case "mention":
			me := obj(s["mentionee"])
			if str(me["type"]) == "all" {
				n.add(span("mention", "@All"))
			} else {
				mn := span("mention", "@"+key)
				mn.Title = "mentions " + str(me["userId"]) + "; LINE shows the display name"
				n.add(mn)
			}
		}
	}
	return n.add(span("", text))
}

// location draws a location message: a map area, the title and address.
func (d *drawer) location(m map[string]any, path string) *node {
	lat, _ := rules.Number(m["latitude"])
	lng, _ := rules.Number(m["longitude"])
	return div("location",
		textNode("map", fmt.Sprintf("map at %.5f, %.5f", lat, lng)),
		textNode("loc-title", d.value(m["title"], lang.JoinKey(path, "title"))),
		textNode("loc-address", d.value(m["address"], lang.JoinKey(path, "address"))))
}

// imagemap draws an imagemap: its image (baseUrl/700) at the chat's
// width, 1040 units wide, with each tap area outlined and numbered.
func (d *drawer) imagemap(m map[string]any, path string) *node {
	bs := obj(m["baseSize"])
	w, _ := rules.Number(bs["width"])
	h, _ := rules.Number(bs["height"])
	if w <= 0 || h <= 0 {
		w, h = 1040, 1040
	}
	base := d.value(m["baseUrl"], lang.JoinKey(path, "baseUrl"))
	n := d.picture("imagemap", base+"/700", "contain")
	n.Path = path
	n.withStyle(new(css).set("aspect-ratio", strconv.FormatFloat(w, 'f', -1, 64)+" / "+strconv.FormatFloat(h, 'f', -1, 64)))
	area := func(a map[string]any, class string) *node {
		x, _ := rules.Number(a["x"])
		y, _ := rules.Number(a["y"])
		aw, _ := rules.Number(a["width"])
		ah, _ := rules.Number(a["height"])
		pct := func(f, of float64) string { return strconv.FormatFloat(f*100/of, 'f', 3, 64) + "%" }
		return (&node{Class: class}).withStyle(new(css).set("left", pct(x, w)).set("top", pct(y, h)).
			set("width", pct(aw, w)).set("height", pct(ah, h)))
	}
	if v := obj(m["video"]); v != nil {
		vp := lang.JoinKey(path, "video")
		a := area(obj(v["area"]), "map-video")
		a.add(textNode("ph", "video "+d.value(v["originalContentUrl"], lang.JoinKey(vp, "originalContentUrl"))))
		if l := obj(v["externalLink"]); l != nil {
			d.tap(a, map[string]any{"type": "uri", "label": l["label"], "uri": l["linkUri"]}, lang.JoinKey(vp, "externalLink"))
		}
		n.add(a)
	}
	for i, a := range list(m["actions"]) {
		ap := lang.JoinIndex(lang.JoinKey(path, "actions"), i)
		ac := obj(a)
		act := map[string]any{"type": ac["type"], "label": ac["label"], "uri": ac["linkUri"], "text": ac["text"],
			"clipboardText": ac["clipboardText"]}
		an := area(obj(ac["area"]), "map-area")
		d.tap(an, act, ap)
		n.add(an)
	}
	return n
}
