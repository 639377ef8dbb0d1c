package preview

import (
	"github.com/lineupdev/lineup/lang"
)

// template draws a template message's template
// (https://developers.line.biz/en/reference/messaging-api/#template-messages):
// buttons and confirm as one card, carousel and image_carousel as a row
// the screen's edge cuts (and unrolled in the notes).
func (d *drawer) template(t map[string]any, path string) (*node, bool) {
	switch str(t["type"]) {
	case "buttons":
		return d.column(t, path, t), false
	case "confirm":
		n := div("tcard confirm", textNode("ttext", d.value(t["text"], lang.JoinKey(path, "text"))))
		row := div("tactions-row")
		for i, a := range list(t["actions"]) {
			row.add(d.action(obj(a), lang.JoinIndex(lang.JoinKey(path, "actions"), i)))
		}
		return n.add(row), false
	case "carousel", "image_carousel":
		n := d.templateCarousel(t, path, false)
		d.unrolled = append(d.unrolled, d.templateCarousel(t, path, true))
		return n, true
	}
	return textNode("bubble-text", "("+str(t["type"])+" template)"), false
}

// templateCarousel draws the columns of a carousel or image_carousel.
func (d *drawer) templateCarousel(t map[string]any, path string, unrolled bool) *node {
	class := "carousel"
	if unrolled {
		class += " unrolled"
	}
	n := &node{Class: class, Path: path}
	for i, c := range list(t["columns"]) {
		cp := lang.JoinIndex(lang.JoinKey(path, "columns"), i)
		col := obj(c)
		if str(t["type"]) == "image_carousel" {
			p := d.picture("icol", d.value(col["imageUrl"], lang.JoinKey(cp, "imageUrl")), "cover")
			a := obj(col["action"])
			p.add(textNode("icol-label", str(a["label"])))
			d.tap(p, a, lang.JoinKey(cp, "action"))
			n.add(p)
			continue
		}
		n.add(d.column(col, cp, t))
	}
	return n
}

// column draws a buttons template or a carousel column: thumbnail
// (rectangle 1.51:1 or square, cover or contain, on
// imageBackgroundColor), title, text and the actions stacked; the
// options (aspect ratio, size) are the template's.
func (d *drawer) column(col map[string]any, path string, t map[string]any) *node {
	n := &node{Class: "tcard", Path: path}
	if u, ok := col["thumbnailImageUrl"]; ok {
		mode := "cover"
		if str(t["imageSize"]) == "contain" {
			mode = "contain"
		}
		ar := "1.51 / 1"
		if str(t["imageAspectRatio"]) == "square" {
			ar = "1 / 1"
		}
		p := d.picture("thumb", d.value(u, lang.JoinKey(path, "thumbnailImageUrl")), mode)
		n.add(p.withStyle(new(css).set("aspect-ratio", ar).set("background-color", color(col["imageBackgroundColor"], "#ffffff"))))
	}
	if title := str(col["title"]); title != "" {
		n.add(textNode("ttitle", title))
	}
	n.add(textNode("ttext", d.value(col["text"], lang.JoinKey(path, "text"))))
	for i, a := range list(col["actions"]) {
		n.add(d.action(obj(a), lang.JoinIndex(lang.JoinKey(path, "actions"), i)))
	}
	if a := obj(col["defaultAction"]); a != nil {
		d.tap(n, a, lang.JoinKey(path, "defaultAction"))
	}
	return n
}

// action draws a template action as its label, tappable.
func (d *drawer) action(a map[string]any, path string) *node {
	n := textNode("taction", str(a["label"]))
	d.tap(n, a, path)
	return n
}
