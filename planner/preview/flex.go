package preview

import (
	"strconv"
	"strings"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/rules"
)

// Flex layout as LINE defines it
// (https://developers.line.biz/en/docs/messaging-api/flex-message-layout/),
// drawn with CSS flexbox. Components are flex items of their box; each
// component's element carries data-path, its JSON path in the payload.

// blockPadding is the default padding (top, bottom, side) of a bubble's
// header, body and footer by bubble size, as LINE's web renderer draws
// them. hasFooter changes the body's bottom.
func blockPadding(size, block string, hasFooter bool) (top, bottom, side float64) {
	switch size {
	case "nano", "micro":
		return 10, 10, 10
	case "deca", "hecto":
		p := map[string]float64{"header": 11, "body": 14, "footer": 13}[block]
		return p, p, p
	case "kilo":
		if block == "body" && hasFooter {
			return 13, 17, 13
		}
		return 13, 13, 13
	}
	switch block {
	case "header":
		return 20, 20, 20
	case "body":
		if hasFooter {
			return 19, 10, 20
		}
		return 19, 20, 20
	}
	return 10, 10, 10 // footer
}

// bubble draws a bubble; maxWidth, when above 0, caps its width (80% of
// the screen in a carousel).
func (d *drawer) bubble(b map[string]any, path string, maxWidth float64) *node {
	size := str(b["size"])
	if _, ok := bubbleWidths[size]; !ok {
		size = "mega"
	}
	if size == "deca" || size == "hecto" {
		d.warn(path, "A "+size+" bubble is drawn as kilo on LINE older than 13.6 (phones) and 7.17 (PC).")
	}
	w := bubbleWidths[size]
	if maxWidth > 0 && w > maxWidth {
		w = maxWidth
	}
	radius := 10.0
	switch size {
	case "mega":
		radius = 17
	case "giga":
		radius = 5
	}
	n := &node{Class: "bubble", Path: path}
	if dir := str(b["direction"]); dir == "rtl" || dir == "ltr" {
		n.Dir = dir
	}
	n.withStyle(new(css).set("width", px(w)).set("border-radius", px(radius)))
	styles := obj(b["styles"])
	hasFooter := obj(b["footer"]) != nil
	drawn := 0
	for _, block := range []string{"header", "hero", "body", "footer"} {
		c := obj(b[block])
		if c == nil {
			continue
		}
		bp := lang.JoinKey(path, block)
		st := obj(styles[block])
		bc := new(css)
		if block == "body" {
			bc.set("flex", "1 0 auto")
		}
		if bg := color(st["backgroundColor"], ""); bg != "" {
			bc.set("background-color", bg)
		}
		if boolOf(st["separator"]) && drawn > 0 {
			bc.set("border-top", "1px solid "+color(st["separatorColor"], "#d4d6da"))
		}
		var inner *node
		if block == "hero" {
			inner = d.component(c, bp, "block", 0, nil)
		} else {
			top, bottom, side := blockPadding(size, block, hasFooter)
			inner = d.component(c, bp, "block", 0, &[3]float64{top, bottom, side})
		}
		n.add(div("block block-"+block, inner).withStyle(bc))
		drawn++
	}
	return n
}

// carousel draws a flex carousel as the chat cuts it (unrolled=false: one
// row that the screen's edge cuts) or unrolled (every bubble, wrapped).
func (d *drawer) carousel(c map[string]any, path string, unrolled bool) *node {
	class := "carousel"
	if unrolled {
		class = "carousel unrolled"
	}
	n := &node{Class: class, Path: path}
	for i, b := range list(c["contents"]) {
		n.add(d.bubble(obj(b), lang.JoinIndex(lang.JoinKey(path, "contents"), i), carouselMax))
	}
	return n
}

// component draws any flex component as a flex item of a box of the
// given layout; spacing is the box's spacing before it (nil for the first
// child). pad, for a block's box, is its default padding (top, bottom,
// side).
func (d *drawer) component(c map[string]any, path, parentLayout string, spacing float64, pad *[3]float64) *node {
	var n *node
	c2 := new(css)
	typ := str(c["type"])
	switch typ {
	case "box":
		n = d.box(c, path, c2, pad)
	case "text":
		n = d.text(c, path, c2)
	case "image":
		n = d.image(c, path, c2)
	case "icon":
		n = d.icon(c, path, c2)
	case "button":
		n = d.button(c, path, c2)
	case "separator":
		n = &node{Class: "separator"}
		col := color(c["color"], "#d4d6da")
		if parentLayout == "vertical" {
			c2.set("height", "1px").set("background-color", col)
		} else {
			c2.set("width", "1px").set("background-color", col)
		}
	case "filler":
		n = &node{Class: "filler"}
	case "video":
		n = d.video(c, path, c2)
	case "span":
		n = span("", str(c["text"]))
	default:
		n = textNode("unknown", "("+typ+" component)")
	}
	n.Path = path
	abs := str(c["position"]) == "absolute"
	d.flexItem(c, typ, parentLayout, c2)
	if !abs {
		d.margin(c, typ, parentLayout, spacing, c2)
	}
	d.offsets(c, abs, c2)
	if a := obj(c["action"]); a != nil {
		d.tap(n, a, lang.JoinKey(path, "action"))
	}
	return n.withStyle(c2)
}

// flexItem sets the CSS flex of a component in a box of parentLayout:
// horizontal (and baseline) boxes default to flex 1 with a basis of 0,
// vertical ones to 0 with an auto basis; icons, separators and boxes
// with a width or height in a horizontal box are flex 0.
func (d *drawer) flexItem(c map[string]any, typ, parentLayout string, c2 *css) {
	if parentLayout == "block" {
		c2.set("flex", "1 0 auto")
		return
	}
	horizontal := parentLayout != "vertical"
	f, set := rules.Number(c["flex"])
	if !set {
		f = 0
		if horizontal || typ == "filler" {
			f = 1
		}
	}
	switch {
	case typ == "icon" || typ == "separator" || typ == "span":
		f = 0
	case typ == "box" && horizontal && (c["width"] != nil || c["height"] != nil):
		f = 0
	}
	fs := strconv.FormatFloat(f, 'f', -1, 64)
	switch {
	case f == 0:
		c2.set("flex", "0 0 auto")
	case horizontal:
		c2.set("flex", fs+" 0 0px")
	default:
		c2.set("flex", fs+" 0 auto")
	}
	if horizontal {
		c2.set("min-width", "0")
	}
}

// margin sets the space before a component: its own margin, which
// replaces the box's spacing (and applies to the first child too), else
// the spacing, which fillers ignore.
func (d *drawer) margin(c map[string]any, typ, parentLayout string, spacing float64, c2 *css) {
	gap := spacing
	if m, ok := pxLength(c["margin"], spaceKeywords); ok {
		gap = m
	} else if typ == "filler" {
		gap = 0
	}
	if gap == 0 || parentLayout == "block" {
		return
	}
	if parentLayout == "vertical" {
		c2.set("margin-top", px(gap))
	} else {
		c2.set("margin-inline-start", px(gap))
	}
}

// offsets sets position and offsetTop/Bottom/Start/End (logical, so
// rtl swaps start and end).
func (d *drawer) offsets(c map[string]any, abs bool, c2 *css) {
	if abs {
		c2.set("position", "absolute")
	} else {
		c2.set("position", "relative")
	}
	for _, o := range [][2]string{{"offsetTop", "top"}, {"offsetBottom", "bottom"},
		{"offsetStart", "inset-inline-start"}, {"offsetEnd", "inset-inline-end"}} {
		if v, ok := length(c[o[0]], spaceKeywords); ok {
			c2.set(o[1], v)
		}
	}
}

// box draws a box. pad is a block's default padding.
func (d *drawer) box(c map[string]any, path string, c2 *css, pad *[3]float64) *node {
	layout := str(c["layout"])
	n := &node{Class: "box box-" + layout}
	switch layout {
	case "horizontal":
		c2.set("flex-direction", "row")
	case "baseline":
		c2.set("flex-direction", "row").set("align-items", "baseline")
	default:
		layout = "vertical"
		c2.set("flex-direction", "column")
	}
	if bg := color(c["backgroundColor"], ""); bg != "" {
		c2.set("background-color", bg)
	}
	if g := gradient(obj(c["background"])); g != "" {
		c2.set("background-image", g)
	}
	if bw, ok := pxLength(c["borderWidth"], borderKeywords); ok && bw > 0 {
		c2.set("border", px(bw)+" solid "+color(c["borderColor"], "#000000"))
	}
	if r, ok := length(c["cornerRadius"], spaceKeywords); ok {
		c2.set("border-radius", r)
	}
	for _, p := range [][2]string{{"width", "width"}, {"maxWidth", "max-width"}, {"height", "height"}, {"maxHeight", "max-height"}} {
		if v, ok := length(c[p[0]], nil); ok {
			c2.set(p[1], v)
		}
	}
	d.padding(c, pad, c2)
	if j := flexAlign(str(c["justifyContent"])); j != "" {
		c2.set("justify-content", j)
	}
	if a := flexAlign(str(c["alignItems"])); a != "" && layout != "baseline" {
		c2.set("align-items", a)
	}
	spacing, _ := pxLength(c["spacing"], spaceKeywords)
	kids := list(c["contents"])
	for i, k := range kids {
		kc := obj(k)
		if str(kc["position"]) == "absolute" {
			c2.set("overflow", "hidden")
		}
		gap := spacing
		if i == 0 {
			gap = 0
		}
		n.add(d.component(kc, lang.JoinIndex(lang.JoinKey(path, "contents"), i), layout, gap, nil))
	}
	return n
}

// padding sets paddingAll and the sides that override it; start and end
// are logical. A block's box starts from the block's default padding.
func (d *drawer) padding(c map[string]any, pad *[3]float64, c2 *css) {
	sides := [4]string{} // top, bottom, start, end
	if pad != nil {
		sides = [4]string{px(pad[0]), px(pad[1]), px(pad[2]), px(pad[2])}
	}
	if v, ok := length(c["paddingAll"], spaceKeywords); ok {
		sides = [4]string{v, v, v, v}
	}
	for i, k := range []string{"paddingTop", "paddingBottom", "paddingStart", "paddingEnd"} {
		if v, ok := length(c[k], spaceKeywords); ok {
			sides[i] = v
		}
	}
	for i, p := range []string{"padding-top", "padding-bottom", "padding-inline-start", "padding-inline-end"} {
		if sides[i] != "" {
			c2.set(p, sides[i])
		}
	}
}

// flexAlign maps justifyContent and alignItems values to CSS.
func flexAlign(v string) string {
	switch v {
	case "flex-start", "center", "flex-end", "space-between", "space-around", "space-evenly":
		return v
	}
	return ""
}

// gradient is the CSS of a linearGradient background, or "".
func gradient(bg map[string]any) string {
	if str(bg["type"]) != "linearGradient" {
		return ""
	}
	m := angleRe.FindStringSubmatch(str(bg["angle"]))
	if m == nil {
		return ""
	}
	stops := []string{color(bg["startColor"], "#00000000") + " 0%"}
	if cc := color(bg["centerColor"], ""); cc != "" {
		pos := "50%"
		if p, ok := length(bg["centerPosition"], nil); ok && strings.HasSuffix(p, "%") {
			pos = p
		}
		stops = append(stops, cc+" "+pos)
	}
	stops = append(stops, color(bg["endColor"], "#00000000")+" 100%")
	return "linear-gradient(" + m[1] + "deg, " + strings.Join(stops, ", ") + ")"
}
