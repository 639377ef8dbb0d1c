package rules

import (
	"regexp"
	"strings"
	"time"
)

// actionPlace says where an action stands, which decides its label and
// the action types allowed
// (https://developers.line.biz/en/reference/messaging-api/#action-objects).
type actionPlace struct {
	labelRequired bool
	labelMax      int
	quickReply    bool // camera, cameraRoll and location are allowed
}

var (
	quickReplyAction    = actionPlace{labelRequired: true, labelMax: 20, quickReply: true}
	templateAction      = actionPlace{labelRequired: true, labelMax: 20}
	defaultAction       = actionPlace{labelMax: 20}
	imageCarouselAction = actionPlace{labelMax: 12}
	flexButtonAction    = actionPlace{labelRequired: true, labelMax: 40}
	flexAction          = actionPlace{labelMax: 40}
)

var messageActionTypes = []string{"postback", "message", "uri", "datetimepicker", "clipboard"}
var quickReplyActionTypes = []string{"postback", "message", "uri", "datetimepicker", "camera", "cameraRoll", "location", "clipboard"}

// action checks an action object at path.
func (r *report) action(path string, v any, at actionPlace) {
	obj, ok := object(v)
	if !ok {
		r.add(path, "Invalid action", "Must be an object")
		return
	}
	types := messageActionTypes
	if at.quickReply {
		types = quickReplyActionTypes
	}
	typ, ok := r.enum(obj, "type", path+".type", "action type", true, types...)
	if !ok {
		return
	}
	labelRequired := at.labelRequired || typ == "camera" || typ == "cameraRoll" || typ == "location"
	r.text(obj, "label", path+".label", "label", labelRequired, 0, at.labelMax, true)
	switch typ {
	case "postback":
		r.postback(path, obj)
	case "message":
		r.text(obj, "text", path+".text", "text", true, 0, 300, true)
	case "uri":
		r.url(obj, "uri", path+".uri", "URI", true, 1000, linkSchemes)
		if alt := r.mustObject(obj, "altUri", path+".altUri", "alternative URI", false); alt != nil {
			r.url(alt, "desktop", path+".altUri.desktop", "desktop URI", false, 1000, linkSchemes)
		}
	case "datetimepicker":
		r.datetimePicker(path, obj)
	case "clipboard":
		r.text(obj, "clipboardText", path+".clipboardText", "clipboard text", true, 1, 1000, false)
	}
}

func (r *report) postback(path string, obj map[string]any) {
	r.text(obj, "data", path+".data", "data", true, 0, 300, false)
	r.text(obj, "displayText", path+".displayText", "display text", false, 0, 300, true)
	r.text(obj, "text", path+".text", "text", false, 0, 300, true)
	if present(obj, "displayText") && present(obj, "text") {
		r.add(path+".text", "Both text and display text", "text cannot be used together with displayText")
	}
	opt, _ := r.enum(obj, "inputOption", path+".inputOption", "input option", false,
		"closeRichMenu", "openRichMenu", "openKeyboard", "openVoice")
	if _, ok := r.text(obj, "fillInText", path+".fillInText", "fill-in text", false, 0, 300, true); ok && opt != "openKeyboard" {
		r.add(path+".fillInText", "Fill-in text without keyboard", "fillInText can be used only with inputOption openKeyboard")
	}
}

// datetimeFormats are the layouts of initial, max and min by mode.
var datetimeFormats = map[string]struct {
	layout  string
	pattern *regexp.Regexp
}{
	"date":     {"2006-01-02", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)},
	"time":     {"15:04", regexp.MustCompile(`^\d{2}:\d{2}$`)},
	"datetime": {"2006-01-02T15:04", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(t|T)\d{2}:\d{2}$`)},
}

func (r *report) datetimePicker(path string, obj map[string]any) {
	r.text(obj, "data", path+".data", "data", true, 0, 300, false)
	mode, ok := r.enum(obj, "mode", path+".mode", "mode", true, "date", "time", "datetime")
	if !ok {
		return
	}
	f := datetimeFormats[mode]
	lowest, _ := time.Parse("2006-01-02T15:04", "1900-01-01T00:00")
	highest, _ := time.Parse("2006-01-02T15:04", "2100-12-31T23:59")
	parsed := map[string]time.Time{}
	for _, key := range []string{"initial", "max", "min"} {
		s, ok := r.text(obj, key, path+"."+key, key, false, 0, 100, false)
		if !ok {
			continue
		}
		t, err := time.Parse(f.layout, strings.Replace(s, "t", "T", 1))
		if !f.pattern.MatchString(s) || err != nil {
			r.add(path+"."+key, "Invalid "+key+" "+mode, "Must be in the format "+f.layout+" for mode "+mode)
			continue
		}
		if mode != "time" && (t.Before(lowest) || t.After(highest)) {
			r.add(path+"."+key, "Invalid "+key+" "+mode, "Must be between 1900-01-01T00:00 and 2100-12-31T23:59")
			continue
		}
		parsed[key] = t
	}
	maxT, hasMax := parsed["max"]
	minT, hasMin := parsed["min"]
	if hasMax && hasMin && !maxT.After(minT) {
		r.add(path+".max", "Max not after min", "max must be greater than min")
	}
}

// quickReply checks the quickReply of a message object
// (https://developers.line.biz/en/reference/messaging-api/#quick-reply).
func (r *report) quickReply(path string, obj map[string]any) {
	qr := r.mustObject(obj, "quickReply", path+".quickReply", "quick reply", false)
	if qr == nil {
		return
	}
	items, _ := r.size(qr, "items", path+".quickReply.items", "quick reply items", true, 1, 13)
	for i, it := range items {
		p := path + ".quickReply.items[" + itoa(i) + "]"
		item, ok := object(it)
		if !ok {
			r.add(p, "Invalid quick reply item", "Must be an object")
			continue
		}
		r.enum(item, "type", p+".type", "quick reply item type", true, "action")
		r.url(item, "imageUrl", p+".imageUrl", "image URL", false, 2000, httpsSchemes)
		if !present(item, "action") {
			r.add(p+".action", "Missing action", "May not be empty")
			continue
		}
		r.action(p+".action", item["action"], quickReplyAction)
	}
}

var lineWord = regexp.MustCompile(`(?i)\bline\b`)

// sender checks the sender of a message object
// (https://developers.line.biz/en/reference/messaging-api/#icon-nickname-switch).
func (r *report) sender(path string, obj map[string]any) {
	s := r.mustObject(obj, "sender", path+".sender", "sender", false)
	if s == nil {
		return
	}
	if name, ok := r.text(s, "name", path+".sender.name", "sender name", false, 1, 20, false); ok && lineWord.MatchString(name) {
		r.add(path+".sender.name", "Sender name not allowed", "The name may not contain words such as LINE")
	}
	r.url(s, "iconUrl", path+".sender.iconUrl", "icon URL", false, 2000, httpsSchemes)
}
