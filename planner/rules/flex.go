package rules

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
)

// Flex size limits, in bytes of JSON
// (https://developers.line.biz/en/reference/messaging-api/#flex-message).
const (
	MaxBubbleBytes   = 30 * 1024
	MaxCarouselBytes = 50 * 1024
	MaxBubbles       = 12
	MaxAnimated      = 10
)

var componentTypes = []string{"box", "button", "image", "video", "icon", "text", "span", "separator", "filler"}

// flexPlace says which components may stand somewhere.
type flexPlace struct {
	name    string // for messages: "a baseline box"
	allowed []string
}

var (
	inBlock    = flexPlace{"the header, body or footer of a bubble", []string{"box"}}
	inHero     = flexPlace{"the hero of a bubble", []string{"box", "image", "video"}}
	inHeroNoVi = flexPlace{"the hero of this bubble (video only in a kilo, mega or giga bubble outside a carousel)", []string{"box", "image"}}
	inBox      = flexPlace{"a horizontal or vertical box", []string{"box", "button", "image", "text", "separator", "filler"}}
	inBaseline = flexPlace{"a baseline box", []string{"icon", "text", "filler"}}
	inText     = flexPlace{"a text", []string{"span"}}
)

// flexCheck is the state of checking one flex message.
type flexCheck struct {
	*report
	animated int
	// overAnimated is the path of the first animated image over MaxAnimated.
	overAnimated string
}

// flexMessage checks a flex message
// (https://developers.line.biz/en/reference/messaging-api/#flex-message).
func (r *report) flexMessage(path string, obj map[string]any) {
	r.text(obj, "altText", path+".altText", "alt text", true, 0, 1500, false)
	c := r.mustObject(obj, "contents", path+".contents", "contents", true)
	if c == nil {
		return
	}
	f := &flexCheck{report: r}
	p := path + ".contents"
	typ, _ := r.enum(c, "type", p+".type", "container type", true, "bubble", "carousel")
	switch typ {
	case "bubble":
		f.bubble(p, c, false)
		r.jsonSize(p, c, MaxBubbleBytes, "Bubble too large")
	case "carousel":
		f.carousel(p, c)
	}
	if f.animated > MaxAnimated {
		r.tooMany(p, f.overAnimated, "Too many animated images",
			fmt.Sprintf("A message may hold at most %d animated images", MaxAnimated), f.animated, MaxAnimated)
	}
}

// jsonSize reports v when its JSON is longer than max bytes.
func (r *report) jsonSize(path string, v any, max int, summary string) {
	b, err := json.Marshal(v)
	if err == nil && len(b) > max {
		r.add(path, summary, fmt.Sprintf("Size must be at most %d bytes of JSON; it is %d", max, len(b)))
	}
}

func (f *flexCheck) carousel(p string, c map[string]any) {
	bubbles, _ := f.size(c, "contents", p+".contents", "bubbles", true, 1, MaxBubbles)
	size := ""
	for i, b := range bubbles {
		bp := fmt.Sprintf("%s.contents[%d]", p, i)
		obj, ok := object(b)
		if !ok || obj["type"] != "bubble" {
			f.add(bp+".type", "Invalid carousel content", "A carousel holds only bubbles")
			continue
		}
		f.bubble(bp, obj, true)
		s, _ := obj["size"].(string)
		if s == "" {
			s = "mega"
		}
		if i == 0 {
			size = s
		} else if s != size {
			f.add(bp+".size", "Unequal bubble sizes", "All bubbles of a carousel must have the same size")
		}
		f.jsonSize(bp, obj, MaxBubbleBytes, "Bubble too large")
	}
	f.jsonSize(p, c, MaxCarouselBytes, "Carousel too large")
}

func (f *flexCheck) bubble(p string, b map[string]any, inCarousel bool) {
	size, _ := f.enum(b, "size", p+".size", "bubble size", false, "nano", "micro", "deca", "hecto", "kilo", "mega", "giga")
	f.enum(b, "direction", p+".direction", "direction", false, "ltr", "rtl")
	for _, block := range []string{"header", "body", "footer"} {
		if present(b, block) {
			f.component(p+"."+block, b[block], inBlock)
		}
	}
	if present(b, "hero") {
		hero := inHero
		if inCarousel || (size != "" && size != "kilo" && size != "mega" && size != "giga") {
			hero = inHeroNoVi
		}
		f.component(p+".hero", b["hero"], hero)
	}
	if st := f.mustObject(b, "styles", p+".styles", "styles", false); st != nil {
		for _, block := range []string{"header", "hero", "body", "footer"} {
			bs := f.mustObject(st, block, p+".styles."+block, "block style", false)
			if bs == nil {
				continue
			}
			f.color(bs, "backgroundColor", p+".styles."+block+".backgroundColor", "background color")
			f.color(bs, "separatorColor", p+".styles."+block+".separatorColor", "separator color")
		}
	}
	if present(b, "action") {
		f.action(p+".action", b["action"], flexAction)
	}
}

// component checks a flex component standing at place.
func (f *flexCheck) component(p string, v any, place flexPlace) {
	obj, ok := object(v)
	if !ok {
		f.add(p, "Invalid component", "Must be an object")
		return
	}
	typ, ok := f.enum(obj, "type", p+".type", "component type", true, componentTypes...)
	if !ok {
		return
	}
	if !contains(place.allowed, typ) {
		f.add(p+".type", "Component not allowed here",
			fmt.Sprintf("A %s cannot stand in %s; allowed: %v", typ, place.name, place.allowed))
		return
	}
	switch typ {
	case "box":
		f.box(p, obj)
	case "button":
		if !present(obj, "action") {
			f.add(p+".action", "Missing action", "May not be empty")
		} else {
			f.action(p+".action", obj["action"], flexButtonAction)
		}
		f.enum(obj, "style", p+".style", "button style", false, "primary", "secondary", "link")
		f.enum(obj, "height", p+".height", "button height", false, "sm", "md")
	case "image":
		f.url(obj, "url", p+".url", "image URL", true, MaxURLLength, httpsSchemes)
		f.aspectRatio(obj, p)
		if a, _ := obj["animated"].(bool); a {
			if f.animated++; f.animated == MaxAnimated+1 {
				f.overAnimated = p + ".animated"
			}
		}
	case "video":
		f.video(p, obj)
	case "icon":
		f.url(obj, "url", p+".url", "icon URL", true, MaxURLLength, httpsSchemes)
		f.aspectRatio(obj, p)
	case "text":
		f.flexText(p, obj)
	case "span":
		f.text(obj, "text", p+".text", "text", true, 0, 1<<20, false)
	}
	if typ != "button" && present(obj, "action") {
		f.action(p+".action", obj["action"], flexAction)
	}
}

func (f *flexCheck) box(p string, obj map[string]any) {
	layout, _ := f.enum(obj, "layout", p+".layout", "box layout", true, "horizontal", "vertical", "baseline")
	contents, _ := f.size(obj, "contents", p+".contents", "box contents", true, 0, 1<<20)
	place := inBox
	if layout == "baseline" {
		place = inBaseline
	}
	for i, c := range contents {
		f.component(fmt.Sprintf("%s.contents[%d]", p, i), c, place)
	}
	f.color(obj, "backgroundColor", p+".backgroundColor", "background color")
}

func (f *flexCheck) flexText(p string, obj map[string]any) {
	if present(obj, "contents") {
		spans, _ := f.size(obj, "contents", p+".contents", "spans", false, 0, 1<<20)
		for i, s := range spans {
			f.component(fmt.Sprintf("%s.contents[%d]", p, i), s, inText)
		}
		return
	}
	f.text(obj, "text", p+".text", "text", true, 0, 1<<20, false)
}

func (f *flexCheck) video(p string, obj map[string]any) {
	f.url(obj, "url", p+".url", "video URL", true, MaxURLLength, httpsSchemes)
	f.url(obj, "previewUrl", p+".previewUrl", "preview URL", true, MaxURLLength, httpsSchemes)
	f.aspectRatio(obj, p)
	if !present(obj, "altContent") {
		f.add(p+".altContent", "Missing alt content", "May not be empty")
		return
	}
	f.component(p+".altContent", obj["altContent"], flexPlace{"the altContent of a video", []string{"box", "image"}})
}

var ratio = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?):([0-9]+(?:\.[0-9]+)?)$`)

// aspectRatio checks "width:height": both 1 to 100000, height at most
// three times the width.
func (f *flexCheck) aspectRatio(obj map[string]any, p string) {
	s, ok := f.text(obj, "aspectRatio", p+".aspectRatio", "aspect ratio", false, 0, 100, false)
	if !ok {
		return
	}
	m := ratio.FindStringSubmatch(s)
	if m == nil {
		f.add(p+".aspectRatio", "Invalid aspect ratio", "Must be in the format {width}:{height}")
		return
	}
	w, _ := strconv.ParseFloat(m[1], 64)
	h, _ := strconv.ParseFloat(m[2], 64)
	if w < 1 || w > 100000 || h < 1 || h > 100000 || h > 3*w {
		f.add(p+".aspectRatio", "Invalid aspect ratio",
			"Width and height must be between 1 and 100000, and the height at most three times the width")
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
