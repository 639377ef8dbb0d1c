package render

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/rules"
)

// knownAfterApply is how a value known only after apply is shown.
const knownAfterApply = "(known after apply)"

// leadingKeys come first in an object value (flex contents), in this
// order, as LINE's docs list them; the other keys follow sorted.
var leadingKeys = []string{"type", "text"}

// value renders v as it appears after "name = " on a line at indent;
// objects and arrays span lines, closing at indent+2.
func value(v any, indent int, sym string) string {
	var b strings.Builder
	writeValue(&b, v, indent, sym)
	return b.String()
}

func writeAttributes(b *strings.Builder, obj map[string]any, indent int, sym string) {
	keys := orderedKeys(obj)
	width := 0
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = keyName(k)
		width = max(width, utf8.RuneCountInString(names[i]))
	}
	for i, k := range keys {
		spaces(b, indent)
		b.WriteString(sym)
		b.WriteByte(' ')
		b.WriteString(names[i])
		spaces(b, width-utf8.RuneCountInString(names[i]))
		b.WriteString(" = ")
		writeValue(b, obj[k], indent, sym)
		b.WriteByte('\n')
	}
}

func writeValue(b *strings.Builder, v any, indent int, sym string) {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		writeAttributes(b, v, indent+4, sym)
		spaces(b, indent+2)
		b.WriteByte('}')
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for _, e := range v {
			spaces(b, indent+4)
			b.WriteString(sym)
			b.WriteByte(' ')
			writeValue(b, e, indent+4, sym)
			b.WriteString(",\n")
		}
		spaces(b, indent+2)
		b.WriteByte(']')
	default:
		b.WriteString(scalar(v))
	}
}

// spaces writes n spaces (none when n <= 0).
func spaces(b *strings.Builder, n int) {
	for range n {
		b.WriteByte(' ')
	}
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
	case rawText:
		return string(v)
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
	keys := make([]string, 0, len(obj))
	for _, k := range leadingKeys {
		if _, ok := obj[k]; ok {
			keys = append(keys, k)
		}
	}
	lead := len(keys)
	for k := range obj {
		if !slices.Contains(leadingKeys, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys[lead:])
	return keys
}

// keyName shows a key bare when it is an identifier (a letter or _,
// then letters, digits, _ and -), quoted otherwise.
func keyName(k string) string {
	for i, c := range k {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-')) {
			return strconv.Quote(k)
		}
	}
	if k == "" {
		return strconv.Quote(k)
	}
	return k
}

// rawText is shown as it is, without quotes.
type rawText string

// display is the body of s as the human plan shows it, in the
// configuration's names (lang.SendNames): sensitive values masked, a long
// multicast "to" cut to its first IDs and a count, a narrowcast's
// recipient and filter in the functions that built them.
func display(s *lang.Send) []lang.Named {
	body := masked(s)
	if to, ok := body["to"].([]any); ok && s.Kind == lang.KindMulticast && len(to) > shownIDs {
		requests := rules.MulticastRequests(len(to))
		cut := append([]any{}, to[:shownIDs]...)
		body = maps.Clone(body)
		body["to"] = append(cut, rawText(fmt.Sprintf("... and %s more (%s user IDs, %s)", thousands(len(to)-shownIDs),
			thousands(len(to)), count(requests, "request", "requests"))))
	}
	out := lang.SendNames(body)
	for i, n := range out {
		if !n.IsBlock && (n.Name == "recipient" || n.Name == "filter") {
			out[i].Value = rawText(conditionText(n.Value))
		}
	}
	return out
}

// named renders attributes and blocks one per line at indent, each
// prefixed by sym, with "=" aligned across each run of attributes; a
// block's body is indented by 4 and closes at indent+2.
func named(ns []lang.Named, indent int, sym string) string {
	var b strings.Builder
	writeNamed(&b, ns, indent, sym)
	return b.String()
}

func writeNamed(b *strings.Builder, ns []lang.Named, indent int, sym string) {
	for i := 0; i < len(ns); {
		if ns[i].IsBlock {
			n := ns[i]
			spaces(b, indent)
			b.WriteString(sym + " " + n.Name)
			if n.Label != "" {
				b.WriteString(" " + strconv.Quote(n.Label))
			}
			if len(n.Body) == 0 {
				b.WriteString(" {}\n")
				i++
				continue
			}
			b.WriteString(" {\n")
			writeNamed(b, n.Body, indent+4, sym)
			spaces(b, indent+2)
			b.WriteString("}\n")
			i++
			continue
		}
		end := i
		width := 0
		for end < len(ns) && !ns[end].IsBlock {
			width = max(width, utf8.RuneCountInString(keyName(ns[end].Name)))
			end++
		}
		for _, n := range ns[i:end] {
			name := keyName(n.Name)
			spaces(b, indent)
			b.WriteString(sym + " " + name)
			spaces(b, width-utf8.RuneCountInString(name))
			b.WriteString(" = ")
			writeValue(b, n.Value, indent, sym)
			b.WriteByte('\n')
		}
		i = end
	}
}

// shownIDs is how many user IDs of a long multicast the plan shows.
const shownIDs = 3

// conditionNames are the functions that build each type of condition.
var conditionNames = map[string]string{
	"gender": "gender", "appType": "app_type", "area": "area",
	"age": "age", "subscriptionPeriod": "subscription_period",
}

// conditionText writes a recipient or demographic filter object as the
// functions that build it: and(audience(audience.vip), not(...)).
func conditionText(v any) string {
	obj, ok := v.(map[string]any)
	if !ok {
		return scalar(v)
	}
	typ, _ := obj["type"].(string)
	switch typ {
	case "audience":
		return "audience(" + refText(obj["audienceGroupId"], ".id") + ")"
	case "redelivery":
		return "redelivery(" + refText(obj["requestId"], ".request_id") + ")"
	case "operator":
		for _, op := range []string{"and", "or"} {
			if list, ok := obj[op].([]any); ok {
				parts := make([]string, len(list))
				for i, e := range list {
					parts[i] = conditionText(e)
				}
				return op + "(" + strings.Join(parts, ", ") + ")"
			}
		}
		return "not(" + conditionText(obj["not"]) + ")"
	case "gender", "appType", "area":
		list, _ := obj["oneOf"].([]any)
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = scalar(e)
		}
		return conditionNames[typ] + "(" + strings.Join(parts, ", ") + ")"
	case "age", "subscriptionPeriod":
		return conditionNames[typ] + "(" + boundText(obj["gte"]) + ", " + boundText(obj["lt"]) + ")"
	}
	return scalar(v)
}

// refText shows an audience ID or request ID: the address it comes from
// while it is known only after apply ("audience.vip"), else the value.
func refText(v any, suffix string) string {
	if u, ok := v.(lang.Unknown); ok {
		if addr, cut := strings.CutSuffix(u.Ref, suffix); cut {
			return addr
		}
		return knownAfterApply
	}
	return scalar(v)
}

// boundText shows a bound of an age or subscription period filter:
// "age_20" as 20, a missing bound as null.
func boundText(v any) string {
	s, ok := v.(string)
	if !ok {
		return "null"
	}
	_, n, _ := strings.Cut(s, "_")
	return n
}

// idSetText describes an upload audience's members.
func idSetText(s *lang.IDSet) string {
	if s == nil {
		return knownAfterApply
	}
	from := ""
	if s.File != "" {
		from = " from " + s.File
	}
	return fmt.Sprintf("%s IDs%s (sha256 %s)", thousands(s.Count), from, short(s.Digest))
}

// short is the first 8 characters of a digest and an ellipsis.
func short(digest string) string {
	if len(digest) <= 8 {
		return digest
	}
	return digest[:8] + "…"
}

// retarget is a click or impression block as attributes.
func retarget(r *lang.Retarget, click bool) map[string]any {
	out := map[string]any{"request_id": r.RequestID}
	if click {
		out["url"] = r.URL
		if r.URL == "" {
			out["url"] = rawText("(any URL)")
		}
	}
	return out
}
