package preview

import (
	"strconv"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/rules"
)

// gravity maps a component's gravity (top, center, bottom) to CSS
// alignment along its own column.
func gravity(v any) string {
	switch str(v) {
	case "center":
		return "center"
	case "bottom":
		return "flex-end"
	}
	return "flex-start"
}

// text draws a text component: its area is a column that places the text
// by gravity; the text itself is one line ending in an ellipsis unless
// wrap is true, when "\n" breaks lines and maxLines cuts with an
// ellipsis. lineSpacing is added between lines only: the line height
// grows by it and half of it is taken back above the first line and
// below the last.
func (d *drawer) text(c map[string]any, path string, c2 *css) *node {
	c2.set("display", "flex").set("flex-direction", "column").set("justify-content", gravity(c["gravity"]))
	size := fontSize(c["size"], 16)
	p := new(css).set("font-size", px(size)).set("color", color(c["color"], "#444444"))
	ls, _ := pxLength(c["lineSpacing"], nil)
	if ls > 0 {
		p.set("line-height", "calc(1.4em + "+px(ls)+")").set("margin", px(-ls/2)+" 0")
	}
	fontStyle(c, p)
	switch str(c["align"]) {
	case "center":
		p.set("text-align", "center")
	case "end":
		p.set("text-align", "end")
	}
	if boolOf(c["wrap"]) {
		p.set("white-space", "pre-wrap").set("overflow-wrap", "anywhere")
		if m, ok := rules.Number(c["maxLines"]); ok && m > 0 {
			p.set("display", "-webkit-box").set("-webkit-box-orient", "vertical").
				set("-webkit-line-clamp", strconv.Itoa(int(m))).set("overflow", "hidden")
		}
	} else {
		p.set("white-space", "nowrap").set("overflow", "hidden").set("text-overflow", "ellipsis")
	}
	t := &node{Class: "ftext"}
	if spans := list(c["contents"]); len(spans) > 0 {
		for i, s := range spans {
			sc := obj(s)
			sn := span("", d.value(sc["text"], lang.JoinKey(lang.JoinIndex(lang.JoinKey(path, "contents"), i), "text")))
			st := new(css)
			if _, ok := sc["size"]; ok {
				st.set("font-size", px(fontSize(sc["size"], size)))
			}
			if col := color(sc["color"], ""); col != "" {
				st.set("color", col)
			}
			fontStyle(sc, st)
			t.add(sn.withStyle(st))
		}
	} else {
		t.Text = d.value(c["text"], lang.JoinKey(path, "text"))
	}
	return (&node{Class: "text"}).add(t.withStyle(p))
}

// fontSize is a text, span or icon size in px: a keyword or "Npx".
func fontSize(v any, def float64) float64 {
	if f, ok := pxLength(v, fontKeywords); ok {
		return f
	}
	return def
}

// fontStyle sets weight, style and decoration.
func fontStyle(c map[string]any, s *css) {
	if str(c["weight"]) == "bold" {
		s.set("font-weight", "bold")
	}
	if str(c["style"]) == "italic" {
		s.set("font-style", "italic")
	}
	switch str(c["decoration"]) {
	case "underline", "line-through":
		s.set("text-decoration", str(c["decoration"]))
	}
}

// image draws an image component: a drawing area of size (a maximum
// width) by aspectRatio, placed by align and gravity, shrinking to the
// width flex gives it; fit is CSS contain, cover is cover.
func (d *drawer) image(c map[string]any, path string, c2 *css) *node {
	c2.set("display", "flex").set("align-items", gravity(c["gravity"]))
	switch str(c["align"]) {
	case "start":
		c2.set("justify-content", "flex-start")
	case "end":
		c2.set("justify-content", "flex-end")
	default:
		c2.set("justify-content", "center")
	}
	width := "100px"
	if s := str(c["size"]); s == "full" {
		width = "100%"
	} else if v, ok := length(c["size"], imageKeywords); ok {
		width = v
	}
	w, h := ratio(c["aspectRatio"])
	area := new(css).set("width", width).set("max-width", "100%").
		set("aspect-ratio", strconv.FormatFloat(w, 'f', -1, 64)+" / "+strconv.FormatFloat(h, 'f', -1, 64))
	if bg := color(c["backgroundColor"], ""); bg != "" {
		area.set("background-color", bg)
	}
	mode := "contain"
	if str(c["aspectMode"]) == "cover" {
		mode = "cover"
	}
	img := d.picture("area", d.value(c["url"], lang.JoinKey(path, "url")), mode)
	return (&node{Class: "image"}).add(img.withStyle(area))
}

// icon draws an icon of a baseline box: 1em high at its size, wider by
// its aspect ratio; its baseline is its bottom.
func (d *drawer) icon(c map[string]any, path string, c2 *css) *node {
	w, h := ratio(c["aspectRatio"])
	size := fontSize(c["size"], 16)
	c2.set("font-size", px(size)).set("width", px(size*w/h)).set("height", px(size))
	return d.picture("icon", d.value(c["url"], lang.JoinKey(path, "url")), "contain")
}

// button draws a button: 52 px (md) or 40 px (sm) high, its label on one
// line; color is the label's for link, the background's for the others.
func (d *drawer) button(c map[string]any, path string, c2 *css) *node {
	c2.set("display", "flex").set("flex-direction", "column").set("justify-content", gravity(c["gravity"]))
	h := 52.0
	if str(c["height"]) == "sm" {
		h = 40
	}
	b := new(css).set("height", px(h))
	switch str(c["style"]) {
	case "primary":
		b.set("background-color", color(c["color"], "#17c950")).set("color", "#ffffff")
	case "secondary":
		b.set("background-color", color(c["color"], "#dcdfe5")).set("color", "#111111")
	default:
		b.set("color", color(c["color"], "#42659a"))
	}
	label := str(obj(c["action"])["label"])
	return (&node{Class: "button"}).add(div("btn", span("label", label)).withStyle(b))
}

// video draws a video hero: its preview image with a play mark; older
// apps show altContent instead, which a warning says.
func (d *drawer) video(c map[string]any, path string, c2 *css) *node {
	d.warn(path, "Older LINE apps show the video's altContent instead of the video.")
	w, h := ratio(c["aspectRatio"])
	area := new(css).set("width", "100%").
		set("aspect-ratio", strconv.FormatFloat(w, 'f', -1, 64)+" / "+strconv.FormatFloat(h, 'f', -1, 64))
	img := d.picture("area", d.value(c["previewUrl"], lang.JoinKey(path, "previewUrl")), "cover")
	img.add(span("play", "▶"))
	return (&node{Class: "video"}).add(img.withStyle(area))
}
