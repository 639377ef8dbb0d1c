package lang

import (
	"slices"
	"strconv"
	"strings"
)

// Named is one attribute or block of a body as the configuration writes
// it: the reverse of what evaluation does, read from the same tables
// (message_specs.go), so that plans speak the configuration's language.
type Named struct {
	// Name is the attribute's or block's name, "alt_text", "quick_reply".
	Name string
	// Label is a labeled block's label (a text_v2 substitution's key).
	Label string
	// IsBlock says Body holds a nested block; else Value is an attribute.
	IsBlock bool
	// Value is an attribute's value as in the JSON (flex contents as
	// written, camelCase; sensitive or unknown values as given), but for
	// the values the table translates, as the configuration writes them.
	Value any
	// Body is a block's attributes and blocks, in the language's order.
	Body []Named
}

// sendSpec maps the attributes and blocks of a send or reply rule (except
// its messages) to the keys of its JSON body.
var sendSpec = &blockSpec{
	fields: []fieldSpec{
		{name: "to", key: "to", kind: anyField},
		{name: "match", key: "match", kind: anyField},
		{name: "recipient", key: "recipient", kind: anyField},
		{name: "filter", key: "filter.demographic", kind: anyField},
		boolean("quote", "quote"),
		boolean("notification_disabled", "notificationDisabled"),
		str("aggregation_unit", "customAggregationUnits[0]"),
	},
	blocks: []*childSpec{{block: "limit", key: "limit", kind: childOne, spec: &blockSpec{fields: []fieldSpec{
		num("max", "max"),
		boolean("up_to_remaining_quota", "upToRemainingQuota"),
		boolean("forbid_partial_delivery", "forbidPartialDelivery"),
	}}}},
}

// SendNames is a send's or reply rule's JSON body as the configuration
// writes it: to (or match) first, then each message object as its block
// ("text", "flex", ...), then the other attributes and blocks. Values are
// kept as they are, except those the table translates, which show as
// written (an action's "cameraRoll" as "camera_roll"); a key no table
// knows keeps its JSON name.
func SendNames(body map[string]any) []Named {
	out := names(sendSpec, body, "messages")
	msgs, hasMsgs := body["messages"]
	if !hasMsgs {
		return out
	}
	var blocks []Named
	list, ok := msgs.([]any)
	for _, m := range list {
		n, known := MessageNames(m)
		if !known {
			blocks = nil
			break
		}
		blocks = append(blocks, n)
	}
	if !ok || (blocks == nil && len(list) > 0) {
		blocks = []Named{{Name: "messages", Value: msgs}}
	}
	at := 0 // after who it goes to: a send's to, a reply rule's match
	if len(out) > 0 && (out[0].Name == "to" || out[0].Name == "match") {
		at = 1
	}
	return append(out[:at:at], append(blocks, out[at:]...)...)
}

// MessageNames is a message object as its block in the configuration;
// false when msg is not an object of a type the language writes.
func MessageNames(msg any) (Named, bool) {
	obj, ok := msg.(map[string]any)
	if !ok {
		return Named{}, false
	}
	for _, ms := range messageSpecs {
		if obj["type"] == ms.jsonType {
			return Named{Name: ms.block, IsBlock: true, Body: names(ms.blockSpec, obj, "type")}, true
		}
	}
	return Named{}, false
}

// names reads obj by s, past the keys already read: its fields in the
// table's order, then its nested blocks, then the keys left, by their
// JSON names, sorted. Defaults the table adds (a template's "type") are
// left out: the configuration never writes them. A nested object of
// dotted keys ("altUri.desktop") shows the keys the table knows. obj is
// not changed.
func names(s *blockSpec, obj map[string]any, read ...string) []Named {
	out := make([]Named, 0, len(obj))
	used := append(make([]string, 0, len(obj)+len(read)), read...)
	for _, f := range s.fields {
		v, ok := lookup(obj, f.key)
		if !ok {
			continue
		}
		if str, isStr := v.(string); isStr {
			for written, json := range f.values {
				if json == str {
					v = written
				}
			}
		}
		used = append(used, topKey(f.key))
		out = append(out, Named{Name: f.name, Value: v})
	}
	if s == mentionSpec {
		// finishMention writes mentionee.type from user_id or all.
		if t, ok := lookup(obj, "mentionee.type"); ok {
			used = append(used, "mentionee")
			if t == "all" {
				out = append(out, Named{Name: "all", Value: true})
			}
		}
	}
	for k, dv := range s.defaults {
		if v, ok := lookup(obj, k); ok && v == dv {
			used = append(used, topKey(k))
		}
	}
	for _, c := range s.blocks {
		v, ok := obj[c.key]
		if !ok || slices.Contains(used, c.key) {
			continue
		}
		switch c.kind {
		case childOne:
			m, isMap := v.(map[string]any)
			switch {
			case isMap && chosen(s, c, m):
				used = append(used, c.key)
				out = append(out, block(c, "", m))
			case !isMap && chosen(s, c, nil):
				// A value in place of the block (sensitive, or known
				// only after apply).
				used = append(used, c.key)
				out = append(out, Named{Name: c.block, Value: v})
			}
		case childList:
			list, isList := v.([]any)
			if !isList {
				continue
			}
			used = append(used, c.key)
			for _, e := range list {
				if m, isMap := e.(map[string]any); isMap {
					out = append(out, block(c, "", m))
				} else {
					out = append(out, Named{Name: c.block, Value: e})
				}
			}
		case childLabeled:
			m, isMap := v.(map[string]any)
			if !isMap || !labeledKnown(s, c.key, m) {
				continue
			}
			used = append(used, c.key)
			for _, label := range sortedKeys(m) {
				for _, o := range s.blocks {
					if e, _ := m[label].(map[string]any); o.key == c.key && chosen(s, o, e) {
						out = append(out, block(o, label, e))
					}
				}
			}
		}
	}
	if !containsAll(used, obj) {
		for _, k := range sortedKeys(obj) {
			if !slices.Contains(used, k) {
				out = append(out, Named{Name: k, Value: obj[k]})
			}
		}
	}
	return out
}

// containsAll reports whether every key of obj is in keys.
func containsAll(keys []string, obj map[string]any) bool {
	for k := range obj {
		if !slices.Contains(keys, k) {
			return false
		}
	}
	return true
}

// labeledKnown reports whether every entry of a labeled key is an object
// that one of the blocks of s sharing key is chosen for.
func labeledKnown(s *blockSpec, key string, m map[string]any) bool {
	for _, v := range m {
		e, isMap := v.(map[string]any)
		if !isMap {
			return false
		}
		found := false
		for _, c := range s.blocks {
			found = found || (c.key == key && chosen(s, c, e))
		}
		if !found {
			return false
		}
	}
	return true
}

// chosen reports whether obj is written as c among the blocks of s that
// share c's key: by the "type" c's spec sets, when several do.
func chosen(s *blockSpec, c *childSpec, obj map[string]any) bool {
	shared := 0
	for _, o := range s.blocks {
		if o.key == c.key {
			shared++
		}
	}
	return shared == 1 || (c.spec.defaults["type"] != nil && obj["type"] == c.spec.defaults["type"])
}

// block is the nested block c holding obj.
func block(c *childSpec, label string, obj map[string]any) Named {
	return Named{Name: c.block, Label: label, IsBlock: true, Body: names(c.spec, obj)}
}

// topKey is the key of obj a table key reads under: "altUri" of
// "altUri.desktop", "customAggregationUnits" of "customAggregationUnits[0]".
func topKey(key string) string {
	first, _, _ := strings.Cut(key, ".")
	name, _ := keyPart(first)
	return name
}

// keyPart splits one part of a table key, "customAggregationUnits[0]",
// into its name and index (-1 for none).
func keyPart(part string) (string, int) {
	name, idx, ok := strings.Cut(part, "[")
	if !ok {
		return part, -1
	}
	n, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
	if err != nil {
		return part, -1
	}
	return name, n
}

// lookup reads a table key ("altUri.desktop", "customAggregationUnits[0]")
// in obj.
func lookup(obj map[string]any, key string) (any, bool) {
	var cur any = obj
	for _, part := range strings.Split(key, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		name, idx := keyPart(part)
		if cur, ok = m[name]; !ok {
			return nil, false
		}
		if idx >= 0 {
			list, isList := cur.([]any)
			if !isList || len(list) != 1 || idx != 0 {
				return nil, false
			}
			cur = list[0]
		}
	}
	return cur, true
}
