package lang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// flexKeys are the keys LINE's Flex Message schemas name for each
// container and component type; a key not among them is most likely
// misspelt, and LINE ignores it or refuses the message.
// https://developers.line.biz/en/reference/messaging-api/#flex-message
var flexKeys = map[string][]string{
	"bubble":   {"type", "size", "direction", "header", "hero", "body", "footer", "styles", "action"},
	"carousel": {"type", "contents"},
	"box": {"type", "layout", "contents", "backgroundColor", "borderColor", "borderWidth", "cornerRadius",
		"width", "maxWidth", "height", "maxHeight", "flex", "spacing", "margin", "paddingAll", "paddingTop",
		"paddingBottom", "paddingStart", "paddingEnd", "position", "offsetTop", "offsetBottom", "offsetStart",
		"offsetEnd", "action", "justifyContent", "alignItems", "background"},
	"button": {"type", "action", "flex", "margin", "position", "offsetTop", "offsetBottom", "offsetStart",
		"offsetEnd", "height", "style", "color", "gravity", "adjustMode", "scaling"},
	"image": {"type", "url", "flex", "margin", "position", "offsetTop", "offsetBottom", "offsetStart",
		"offsetEnd", "align", "gravity", "size", "aspectRatio", "aspectMode", "backgroundColor", "action", "animated"},
	"video": {"type", "url", "previewUrl", "altContent", "aspectRatio", "action"},
	"icon": {"type", "url", "size", "aspectRatio", "margin", "position", "offsetTop", "offsetBottom",
		"offsetStart", "offsetEnd", "scaling"},
	"text": {"type", "text", "contents", "adjustMode", "flex", "margin", "position", "offsetTop", "offsetBottom",
		"offsetStart", "offsetEnd", "size", "align", "gravity", "wrap", "lineSpacing", "maxLines", "weight",
		"color", "action", "style", "decoration", "scaling"},
	"span":      {"type", "text", "size", "color", "weight", "style", "decoration"},
	"separator": {"type", "margin", "color"},
	"filler":    {"type", "flex"},
	// Objects that are not components, by the key that holds them.
	"styles":         {"header", "hero", "body", "footer"},
	"blockStyle":     {"backgroundColor", "separator", "separatorColor"},
	"linearGradient": {"type", "angle", "startColor", "endColor", "centerColor", "centerPosition"},
}

// flexUnknownKeys warns of every key of the flex contents v that LINE's
// schema for its object does not name, with the key it most likely
// meant. path is the JSON path of contents in its message object;
// ranges, when contents was written in HCL, place each key.
func (r *run) flexUnknownKeys(attr *hcl.Attribute, v cty.Value, path string, ranges map[string]hcl.Range) {
	plain, _ := v.UnmarkDeep()
	if !plain.IsWhollyKnown() {
		return
	}
	var walk func(v cty.Value, kind, path string)
	walk = func(v cty.Value, kind, path string) {
		ty := v.Type()
		if v.IsNull() || !(ty.IsObjectType() || ty.IsMapType()) {
			return
		}
		fields := v.AsValueMap()
		if kind == "" {
			if t, ok := fields["type"]; ok && t.Type() == cty.String && !t.IsNull() {
				kind = t.AsString()
			}
		}
		known, ok := flexKeys[kind]
		if !ok {
			return // an action, or a type the rules report
		}
		for _, k := range sortedKeys(fields) {
			p := path + "." + k
			if !slices.Contains(known, k) {
				r.diags = append(r.diags, unknownFlexKey(attr, k, kind, p, known, ranges))
				continue
			}
			r.walkFlexChild(walk, kind, k, fields[k], p)
		}
	}
	walk(plain, "", path)
}

// walkFlexChild walks the objects under key k of an object of kind.
func (r *run) walkFlexChild(walk func(cty.Value, string, string), kind, k string, v cty.Value, path string) {
	switch {
	case k == "styles" && kind == "bubble":
		walk(v, "styles", path)
	case kind == "styles":
		walk(v, "blockStyle", path)
	case k == "background":
		walk(v, "linearGradient", path)
	case k == "contents" || (kind == "bubble" && k != "action"):
		ty := v.Type()
		if !v.IsNull() && (ty.IsListType() || ty.IsTupleType()) {
			for i, e := range v.AsValueSlice() {
				walk(e, "", path+"["+strconv.Itoa(i)+"]")
			}
			return
		}
		walk(v, "", path)
	}
}

func unknownFlexKey(attr *hcl.Attribute, key, kind, path string, known []string, ranges map[string]hcl.Range) *hcl.Diagnostic {
	detail := fmt.Sprintf("LINE's %s has no key %q (at %s)", kind, key, path)
	if s := suggest(key, known); s != "" {
		detail += fmt.Sprintf(". Did you mean %q?", s)
	} else {
		detail += fmt.Sprintf("; its keys are %s.", strings.Join(known, ", "))
	}
	subject := attr.Expr.Range()
	if rng, ok := ranges[path]; ok {
		subject = rng
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagWarning,
		Summary:  "Unknown key in flex contents",
		Detail:   detail,
		Subject:  subject.Ptr(),
	}
}
