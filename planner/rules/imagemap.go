package rules

import "fmt"

// imagemapMessage checks an imagemap message
// (https://developers.line.biz/en/reference/messaging-api/#imagemap-message).
func (r *report) imagemapMessage(path string, obj map[string]any) {
	r.url(obj, "baseUrl", path+".baseUrl", "base URL", true, MaxURLLength, httpsSchemes)
	r.text(obj, "altText", path+".altText", "alt text", true, 0, 1500, false)
	if bs := r.mustObject(obj, "baseSize", path+".baseSize", "base size", true); bs != nil {
		if w, ok := r.integer(bs, "width", path+".baseSize.width", "width", true, 1, 1<<31-1); ok && w != 1040 {
			r.add(path+".baseSize.width", "Invalid width", "Must be 1040")
		}
		r.integer(bs, "height", path+".baseSize.height", "height", true, 1, 1<<31-1)
	}
	actions, _ := r.size(obj, "actions", path+".actions", "actions", true, 0, 50)
	for i, a := range actions {
		r.imagemapAction(fmt.Sprintf("%s.actions[%d]", path, i), a)
	}
	if v := r.mustObject(obj, "video", path+".video", "video", false); v != nil {
		r.imagemapVideo(path+".video", v)
	}
}

func (r *report) imagemapAction(path string, v any) {
	obj, ok := object(v)
	if !ok {
		r.add(path, "Invalid action", "Must be an object")
		return
	}
	typ, _ := r.enum(obj, "type", path+".type", "action type", true, "uri", "message", "clipboard")
	r.text(obj, "label", path+".label", "label", false, 0, 100, false)
	switch typ {
	case "uri":
		r.url(obj, "linkUri", path+".linkUri", "link URI", true, 1000, linkSchemes)
	case "message":
		r.text(obj, "text", path+".text", "text", true, 0, 400, false)
	case "clipboard":
		r.text(obj, "clipboardText", path+".clipboardText", "clipboard text", true, 1, 1000, false)
	}
	r.area(obj, path)
}

// area checks the area of an imagemap action or video.
func (r *report) area(obj map[string]any, path string) {
	a := r.mustObject(obj, "area", path+".area", "area", true)
	if a == nil {
		return
	}
	r.integer(a, "x", path+".area.x", "x", true, 0, 1<<31-1)
	r.integer(a, "y", path+".area.y", "y", true, 0, 1<<31-1)
	r.integer(a, "width", path+".area.width", "width", true, 1, 1<<31-1)
	r.integer(a, "height", path+".area.height", "height", true, 1, 1<<31-1)
}

func (r *report) imagemapVideo(path string, obj map[string]any) {
	r.url(obj, "originalContentUrl", path+".originalContentUrl", "original content URL", true, MaxURLLength, httpsSchemes)
	r.url(obj, "previewImageUrl", path+".previewImageUrl", "preview image URL", true, MaxURLLength, httpsSchemes)
	r.area(obj, path)
	if l := r.mustObject(obj, "externalLink", path+".externalLink", "external link", false); l != nil {
		r.url(l, "linkUri", path+".externalLink.linkUri", "link URI", true, 1000, linkSchemes)
		r.text(l, "label", path+".externalLink.label", "label", true, 0, 30, false)
	}
}
