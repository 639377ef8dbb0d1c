package rules

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/apparentlymart/go-textseg/v17/textseg"
)

// report collects the problems of one request body.
type report struct{ ps []Problem }

func (r *report) add(path, summary, message string) {
	r.ps = append(r.ps, Problem{Path: path, Summary: summary, Message: message})
}

// UTF16Len counts s in UTF-16 code units, as LINE counts text.
func UTF16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// GraphemeLen counts s in grapheme clusters (user-perceived characters),
// as LINE counts labels and template texts
// (https://developers.line.biz/en/docs/messaging-api/text-character-count/).
func GraphemeLen(s string) int {
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 0, 64), len(s)+1)
	sc.Split(textseg.ScanGraphemeClusters)
	n := 0
	for sc.Scan() {
		n++
	}
	return n
}

// capital makes the first letter of what upper case, for summaries.
func capital(what string) string {
	if what == "" {
		return what
	}
	r := []rune(what)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// object returns v as a JSON object.
func object(v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	return m, ok
}

// list returns v as a JSON array.
func list(v any) ([]any, bool) {
	l, ok := v.([]any)
	return l, ok
}

// present reports whether obj has key with a non-null value.
func present(obj map[string]any, key string) bool {
	v, ok := obj[key]
	return ok && v != nil
}

// text checks a string property: required or not, min..max long, counted
// in UTF-16 code units or, with graphemes, in grapheme clusters. It
// returns the string and whether it is there.
func (r *report) text(obj map[string]any, key, path, what string, required bool, min, max int, graphemes bool) (string, bool) {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			r.add(path, "Missing "+what, "May not be empty")
		}
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		r.add(path, "Invalid "+what, "Must be a string")
		return "", false
	}
	if s == "" && required {
		r.add(path, "Empty "+what, "May not be empty")
		return s, true
	}
	n := UTF16Len(s)
	if graphemes {
		n = GraphemeLen(s)
	}
	if n < min || n > max {
		summary := capital(what) + " too long"
		if n < min {
			summary = capital(what) + " too short"
		}
		unit := "UTF-16 code units"
		if graphemes {
			unit = "characters"
		}
		r.ps = append(r.ps, Problem{Path: path, Summary: summary,
			Message: fmt.Sprintf("Length must be between %d and %d", min, max),
			Note:    fmt.Sprintf("It is %d %s long.", n, unit)})
	}
	return s, true
}

// httpsSchemes are the schemes of URLs LINE fetches (images, videos).
var httpsSchemes = []string{"https"}

// linkSchemes are the schemes of URLs a user can open (uri actions).
var linkSchemes = []string{"http", "https", "line", "tel"}

// url checks a URL property: at most max characters, one of schemes.
func (r *report) url(obj map[string]any, key, path, what string, required bool, max int, schemes []string) {
	s, ok := r.text(obj, key, path, what, required, 0, max, false)
	if !ok || s == "" {
		return
	}
	u, err := url.Parse(s)
	scheme := ""
	if err == nil {
		scheme = strings.ToLower(u.Scheme)
	}
	for _, want := range schemes {
		if scheme == want && (want == "tel" || want == "line" || u.Host != "") {
			return
		}
	}
	if len(schemes) == 1 {
		r.add(path, "Invalid "+what, "Must be an HTTPS URL")
		return
	}
	r.add(path, "Invalid "+what, "Must be a URL with one of the schemes "+strings.Join(schemes, ", "))
}

// enum checks that a string property, if there, is one of values.
func (r *report) enum(obj map[string]any, key, path, what string, required bool, values ...string) (string, bool) {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			r.add(path, "Missing "+what, "May not be empty")
		}
		return "", false
	}
	s, _ := v.(string)
	for _, want := range values {
		if s == want {
			return s, true
		}
	}
	r.add(path, "Invalid "+what, "Must be one of the following values: ["+strings.Join(values, ", ")+"]")
	return s, false
}

// size checks the number of elements of a list property.
func (r *report) size(obj map[string]any, key, path, what string, required bool, min, max int) ([]any, bool) {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			r.add(path, "Missing "+what, "May not be empty")
		}
		return nil, false
	}
	l, ok := v.([]any)
	if !ok {
		r.add(path, "Invalid "+what, "Must be an array")
		return nil, false
	}
	r.count(path, what, len(l), min, max)
	return l, true
}

// count reports n out of min..max; too many at the first element over
// max.
func (r *report) count(path, what string, n, min, max int) {
	switch {
	case n > max:
		r.tooMany(path, fmt.Sprintf("%s[%d]", path, max), "Too many "+what,
			fmt.Sprintf("Size must be between %d and %d", min, max), n, max)
	case n < min && min == max:
		r.add(path, "Wrong number of "+what, fmt.Sprintf("Size must be between %d and %d", min, max))
	case n < min:
		r.add(path, "Too few "+what, fmt.Sprintf("Size must be between %d and %d", min, max))
	}
}

// tooMany reports n elements of path where at most max may stand, at the
// first one over (at).
func (r *report) tooMany(path, at, summary, message string, n, max int) {
	r.ps = append(r.ps, Problem{Path: path, Summary: summary, Message: message, At: at,
		Note: fmt.Sprintf("There are %d; at most %d are allowed, and this is the first one over.", n, max)})
}

// integer checks a number property that must be a whole number in
// min..max.
func (r *report) integer(obj map[string]any, key, path, what string, required bool, min, max float64) (float64, bool) {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			r.add(path, "Missing "+what, "May not be empty")
		}
		return 0, false
	}
	f, ok := Number(v)
	if !ok || f != math.Trunc(f) {
		r.add(path, "Invalid "+what, "Must be an integer")
		return 0, false
	}
	if f < min || f > max {
		r.add(path, "Invalid "+what, fmt.Sprintf("Must be between %s and %s", fmtNum(min), fmtNum(max)))
		return f, false
	}
	return f, true
}

// Number is v, a value of a message body, as a number, with ok=false
// when it is not one. Bodies hold float64 as encoding/json decodes them,
// ints as lang builds them, or json.Number.
func Number(v any) (f float64, ok bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

func fmtNum(f float64) string {
	if f >= math.MaxInt32 {
		return "2147483647"
	}
	return fmt.Sprintf("%g", f)
}

// mustObject reports a property that must be an object; it returns the
// object, or nil when it is missing (reported when required) or not one.
func (r *report) mustObject(obj map[string]any, key, path, what string, required bool) map[string]any {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			r.add(path, "Missing "+what, "May not be empty")
		}
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		r.add(path, "Invalid "+what, "Must be an object")
		return nil
	}
	return m
}

func itoa(i int) string { return strconv.Itoa(i) }
