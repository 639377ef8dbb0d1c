package preview

import (
	"net/url"
	"strconv"
	"strings"
)

// drawer draws the messages of one send and collects what the notes
// beside the picture show: the legend of tappable elements, the warnings
// and the alt texts.
type drawer struct {
	offline bool
	taps    []Tap
	tapAt   map[string]int // action path -> badge number
	notes   []Note
	alts    []Note
	// unrolled are the carousels drawn again, every column shown.
	unrolled []*node
}

// Tap is one tappable element of a send: its badge number, the JSON path
// of its action, and where it leads.
type Tap struct {
	N      int
	Path   string
	Type   string
	Label  string
	Target string
	// Flags are what a reviewer should look at: "not HTTPS", "no UTM
	// parameters (utm_source, ...)".
	Flags []string
}

// Note is a text about a path of a send: a warning or an alt text.
type Note struct {
	Path string
	Text string
}

func (d *drawer) warn(path, text string) {
	for _, n := range d.notes {
		if n.Path == path && n.Text == text {
			return
		}
	}
	d.notes = append(d.notes, Note{Path: path, Text: text})
}

// value is a string field of the payload; nil (a sensitive value, or one
// known only after apply) is drawn as a placeholder and noted.
func (d *drawer) value(v any, path string) string {
	if v == nil {
		d.warn(path, "Sensitive or known only after apply: drawn as a placeholder.")
		return "‹" + path + "›"
	}
	return str(v)
}

// tap puts a numbered badge on n for the action at path and adds it to
// the legend; the same action drawn twice (a carousel unrolled) keeps its
// number.
func (d *drawer) tap(n *node, a map[string]any, path string) {
	num, ok := d.tapAt[path]
	if !ok {
		num = len(d.taps) + 1
		if d.tapAt == nil {
			d.tapAt = map[string]int{}
		}
		d.tapAt[path] = num
		d.taps = append(d.taps, describe(a, path, num))
	}
	n.Class += " tap"
	n.Kids = append(n.Kids, span("badge", strconv.Itoa(num)))
}

// describe says where an action leads
// (https://developers.line.biz/en/reference/messaging-api/#action-objects).
func describe(a map[string]any, path string, n int) Tap {
	t := Tap{N: n, Path: path, Type: str(a["type"]), Label: str(a["label"])}
	switch t.Type {
	case "uri":
		t.Target = str(a["uri"])
		t.Flags = linkFlags(t.Target)
		if alt := str(obj(a["altUri"])["desktop"]); alt != "" {
			t.Target += " (desktop: " + alt + ")"
			t.Flags = append(t.Flags, linkFlags(alt)...)
		}
	case "message":
		t.Target = "sends the message “" + str(a["text"]) + "”"
	case "postback":
		t.Target = "postback data “" + str(a["data"]) + "”"
		if dt := str(a["displayText"]); dt != "" {
			t.Target += ", shows “" + dt + "”"
		}
		if in := str(a["inputOption"]); in != "" {
			t.Target += ", opens " + in
		}
	case "datetimepicker":
		t.Target = str(a["mode"]) + " picker, postback data “" + str(a["data"]) + "”"
		for _, k := range []string{"initial", "min", "max"} {
			if v := str(a[k]); v != "" {
				t.Target += ", " + k + " " + v
			}
		}
	case "clipboard":
		t.Target = "copies “" + str(a["clipboardText"]) + "”"
	case "richmenuswitch":
		t.Target = "rich menu " + str(a["richMenuAliasId"]) + ", postback data “" + str(a["data"]) + "”"
	case "camera", "cameraRoll", "location":
		t.Target = "opens the " + t.Type
	default:
		t.Target = "(" + t.Type + " action)"
	}
	return t
}

// utmParams are the parameters campaign links usually carry.
var utmParams = []string{"utm_source", "utm_medium", "utm_campaign"}

// linkFlags are the flags of a link: not HTTPS (a web link or any scheme
// other than tel, mailto and line), or without the usual UTM parameters.
func linkFlags(link string) []string {
	u, err := url.Parse(link)
	if err != nil {
		return []string{"not a valid URL"}
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "tel", "mailto", "line":
		return nil
	default:
		return []string{"not HTTPS"}
	}
	var missing []string
	q := u.Query()
	for _, p := range utmParams {
		if q.Get(p) == "" {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return []string{"no " + strings.Join(missing, ", ")}
	}
	return nil
}

// picture is an image area: a placeholder that names the URL, under the
// image drawn as a CSS background (fit: contain, or cover), so an image
// that fails to load, or any image offline, leaves the placeholder. A
// URL that is not http or https is never loaded.
func (d *drawer) picture(class, u, mode string) *node {
	n := &node{Class: "pic " + class}
	n.add(textNode("ph", u))
	if d.offline {
		return n
	}
	if bg, ok := cssURL(u); ok {
		n.add((&node{Class: "img"}).withStyle(new(css).set("background-image", bg).set("background-size", mode)))
	}
	return n
}
