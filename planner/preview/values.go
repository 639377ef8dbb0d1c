package preview

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Keyword sizes in px, as LINE's web renderer draws them
// (https://developers.line.biz/en/docs/messaging-api/flex-message-layout/).
var (
	// spaceKeywords are spacing, margin, padding, offsets and corner
	// radius.
	spaceKeywords = map[string]float64{"none": 0, "xs": 2, "sm": 4, "md": 8, "lg": 12, "xl": 16, "xxl": 20}
	// fontKeywords are text, span and icon sizes.
	fontKeywords = map[string]float64{"xxs": 11, "xs": 13, "sm": 14, "md": 16, "lg": 19, "xl": 22,
		"xxl": 29, "3xl": 35, "4xl": 48, "5xl": 74}
	// imageKeywords are image widths ("full" is 100%).
	imageKeywords = map[string]float64{"xxs": 40, "xs": 60, "sm": 80, "md": 100, "lg": 120, "xl": 140,
		"xxl": 160, "3xl": 180, "4xl": 200, "5xl": 220}
	borderKeywords = map[string]float64{"none": 0, "light": 0.5, "normal": 1, "medium": 2, "semi-bold": 3, "bold": 4}
	// bubbleWidths are the widths of the bubble sizes.
	bubbleWidths = map[string]float64{"nano": 120, "micro": 160, "deca": 220, "hecto": 241, "kilo": 260,
		"mega": 300, "giga": 500}
)

// str is v as a string, or "" when it is not one.
func str(v any) string {
	s, _ := v.(string)
	return s
}

// obj is v as an object, or nil.
func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// list is v as an array, or nil.
func list(v any) []any {
	a, _ := v.([]any)
	return a
}

// boolOf is v as a bool, false when it is not one.
func boolOf(v any) bool {
	b, _ := v.(bool)
	return b
}

// px formats a length in px for CSS.
func px(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) + "px"
}

var lengthRe = regexp.MustCompile(`^(\d+(?:\.\d+)?)(px|%)$`)

// length is a CSS length for a LINE value: "12px", "50%", or a keyword
// of table. ok is false for anything else (it is never written).
func length(v any, table map[string]float64) (string, bool) {
	s := str(v)
	if m := lengthRe.FindStringSubmatch(s); m != nil {
		return m[1] + m[2], true
	}
	if f, ok := table[s]; ok {
		return px(f), true
	}
	return "", false
}

// pxLength is a length in px, keyword of table or "Npx"; ok=false for
// percentages and anything else.
func pxLength(v any, table map[string]float64) (float64, bool) {
	s := str(v)
	if f, ok := table[s]; ok {
		return f, true
	}
	if m := lengthRe.FindStringSubmatch(s); m != nil && m[2] == "px" {
		f, err := strconv.ParseFloat(m[1], 64)
		return f, err == nil
	}
	return 0, false
}

var colorRe = regexp.MustCompile(`^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`)

// color is a LINE colour (#RRGGBB or #RRGGBBAA, which CSS reads alike),
// or def when v is not one.
func color(v any, def string) string {
	if s := str(v); colorRe.MatchString(s) {
		return s
	}
	return def
}

var ratioRe = regexp.MustCompile(`^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$`)

// ratio is the aspect ratio "W:H" as width and height, 1:1 when v is not
// one.
func ratio(v any) (w, h float64) {
	m := ratioRe.FindStringSubmatch(str(v))
	if m == nil {
		return 1, 1
	}
	w, _ = strconv.ParseFloat(m[1], 64)
	h, _ = strconv.ParseFloat(m[2], 64)
	if w <= 0 || h <= 0 {
		return 1, 1
	}
	return w, h
}

var angleRe = regexp.MustCompile(`^(-?\d+(?:\.\d+)?)deg$`)

// cssURL is u as a CSS url() token, every character outside a small safe
// set written as a CSS escape, so no URL can end the token or the
// declaration. ok is false for a URL that is not http or https.
func cssURL(u string) (string, bool) {
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return "", false
	}
	var b strings.Builder
	b.WriteString(`url("`)
	for _, r := range u {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9',
			strings.ContainsRune("-._~:/?#[]@!$&*+,=%", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, `\%x `, r)
		}
	}
	b.WriteString(`")`)
	return b.String(), true
}
