package rules

import (
	"fmt"
	"regexp"
)

// templateMessage checks a template message
// (https://developers.line.biz/en/reference/messaging-api/#template-messages).
func (r *report) templateMessage(path string, obj map[string]any) {
	r.text(obj, "altText", path+".altText", "alt text", true, 0, 1500, false)
	t := r.mustObject(obj, "template", path+".template", "template", true)
	if t == nil {
		return
	}
	p := path + ".template"
	typ, _ := r.enum(t, "type", p+".type", "template type", true, "buttons", "confirm", "carousel", "image_carousel")
	switch typ {
	case "buttons":
		r.buttons(p, t)
	case "confirm":
		r.text(t, "text", p+".text", "text", true, 0, 240, true)
		actions, _ := r.size(t, "actions", p+".actions", "actions", true, 2, 2)
		r.actions(p+".actions", actions, templateAction)
	case "carousel":
		r.carousel(p, t)
	case "image_carousel":
		r.imageCarousel(p, t)
	}
}

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// color checks a #RRGGBB colour property.
func (r *report) color(obj map[string]any, key, path, what string) {
	if s, ok := r.text(obj, key, path, what, false, 0, 100, false); ok && !hexColor.MatchString(s) {
		r.add(path, "Invalid "+what, "Must be a color in the format #RRGGBB")
	}
}

func (r *report) actions(path string, actions []any, at actionPlace) {
	for i, a := range actions {
		r.action(fmt.Sprintf("%s[%d]", path, i), a, at)
	}
}

// imageOptions checks the image options of a buttons or carousel
// template.
func (r *report) imageOptions(p string, t map[string]any) {
	r.enum(t, "imageAspectRatio", p+".imageAspectRatio", "image aspect ratio", false, "rectangle", "square")
	r.enum(t, "imageSize", p+".imageSize", "image size", false, "cover", "contain")
}

func (r *report) buttons(p string, t map[string]any) {
	r.imageOptions(p, t)
	r.column(p, t, 160, 4)
}

// column checks a buttons template or a carousel column: its text may be
// longest without image or title, maxActions actions.
func (r *report) column(p string, c map[string]any, textMax, maxActions int) {
	r.url(c, "thumbnailImageUrl", p+".thumbnailImageUrl", "thumbnail image URL", false, MaxURLLength, httpsSchemes)
	r.color(c, "imageBackgroundColor", p+".imageBackgroundColor", "image background color")
	r.text(c, "title", p+".title", "title", false, 0, 40, true)
	if present(c, "thumbnailImageUrl") || present(c, "title") {
		textMax = 60
	}
	r.text(c, "text", p+".text", "text", true, 0, textMax, true)
	if present(c, "defaultAction") {
		r.action(p+".defaultAction", c["defaultAction"], defaultAction)
	}
	actions, _ := r.size(c, "actions", p+".actions", "actions", true, 1, maxActions)
	r.actions(p+".actions", actions, templateAction)
}

func (r *report) carousel(p string, t map[string]any) {
	r.imageOptions(p, t)
	columns, _ := r.size(t, "columns", p+".columns", "columns", true, 1, 10)
	var first map[string]any
	for i, c := range columns {
		cp := fmt.Sprintf("%s.columns[%d]", p, i)
		col, ok := object(c)
		if !ok {
			r.add(cp, "Invalid column", "Must be an object")
			continue
		}
		r.column(cp, col, 120, 3)
		if first == nil {
			first = col
			continue
		}
		if n, want := len(asList(col["actions"])), len(asList(first["actions"])); n != want {
			r.add(cp+".actions", "Unequal carousel actions",
				fmt.Sprintf("All columns must have the same number of actions; the first has %d", want))
		}
		if present(col, "thumbnailImageUrl") != present(first, "thumbnailImageUrl") || present(col, "title") != present(first, "title") {
			r.add(cp, "Unequal carousel columns", "All columns must use a thumbnail image and a title alike")
		}
	}
}

func asList(v any) []any {
	l, _ := list(v)
	return l
}

func (r *report) imageCarousel(p string, t map[string]any) {
	columns, _ := r.size(t, "columns", p+".columns", "columns", true, 1, 10)
	for i, c := range columns {
		cp := fmt.Sprintf("%s.columns[%d]", p, i)
		col, ok := object(c)
		if !ok {
			r.add(cp, "Invalid column", "Must be an object")
			continue
		}
		r.url(col, "imageUrl", cp+".imageUrl", "image URL", true, MaxURLLength, httpsSchemes)
		if !present(col, "action") {
			r.add(cp+".action", "Missing action", "May not be empty")
			continue
		}
		r.action(cp+".action", col["action"], imageCarouselAction)
	}
}
