package render

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/lineupdev/lineup/lang"
)

// knownAfterApply is how a value known only after apply is shown.
const knownAfterApply = "(known after apply)"

// leadingKeys come first in an object, in this order, as LINE's docs
// list them; the other keys follow sorted.
var leadingKeys = []string{"type", "to", "messages", "text"}

// attributes renders obj's keys one per line at indent, each prefixed by
// sym, with "=" aligned across the object.
func attributes(obj map[string]any, indent int, sym string) string {
	keys := orderedKeys(obj)
	width := 0
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = keyName(k)
		width = max(width, len(names[i]))
	}
	var b strings.Builder
	for i, k := range keys {
		fmt.Fprintf(&b, "%s%s %-*s = %s\n", pad(indent), sym, width, names[i], value(obj[k], indent, sym))
	}
	return b.String()
}

// value renders v as it appears after "name = " on a line at indent;
// objects and arrays span lines, closing at indent+2.
func value(v any, indent int, sym string) string {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			return "{}"
		}
		return "{\n" + attributes(v, indent+4, sym) + pad(indent+2) + "}"
	case []any:
		if len(v) == 0 {
			return "[]"
		}
		var b strings.Builder
		b.WriteString("[\n")
		for _, e := range v {
			fmt.Fprintf(&b, "%s%s %s,\n", pad(indent+4), sym, value(e, indent+4, sym))
		}
		return b.String() + pad(indent+2) + "]"
	}
	return scalar(v)
}

// scalar renders a leaf: strings quoted with Go escapes for control
// characters, whole numbers without exponent.
func scalar(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case lang.Unknown, *lang.Unknown:
		return knownAfterApply
	case sensitiveValue:
		return sensitiveText
	case string:
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(v)
}

// orderedKeys returns leadingKeys present in obj, then the rest sorted.
func orderedKeys(obj map[string]any) []string {
	var keys []string
	lead := map[string]bool{}
	for _, k := range leadingKeys {
		lead[k] = true
		if _, ok := obj[k]; ok {
			keys = append(keys, k)
		}
	}
	var rest []string
	for k := range obj {
		if !lead[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// keyName shows a key bare when it is an identifier, quoted otherwise.
func keyName(k string) string {
	if identifier.MatchString(k) {
		return k
	}
	return strconv.Quote(k)
}

func pad(n int) string { return strings.Repeat(" ", n) }
