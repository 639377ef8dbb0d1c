package lang

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Marks carried by cty values during evaluation. They survive locals,
// bundles, indexing, concat and unknown values; all are removed before a
// value reaches a Send's Body.

// originMark marks a message object value with the origin (source ranges)
// of the block it was evaluated from.
type originMark struct{ o *origin }

// quoteMark marks a quote token returned by push NAME (known or not), so a
// use of it can be checked against the chat that push sends to.
type quoteMark struct{ push string }

// noQuoteMark marks the null quote_token of a sent message for which LINE
// returns none: ref is "push.a.sent[0]", typ the message's LINE type, or
// "" when the push was sent and LINE returned none. Using it as a
// quote_token is an error (see noQuote), not a quote silently dropped.
type noQuoteMark struct{ ref, typ string }

// lineMark marks a line file_lines read with its place in that file, so
// a mistake in it points at the file's line rather than at the
// expression that read it.
type lineMark struct{ rng hcl.Range }

// lineOf returns the place of a lineMark among marks.
func lineOf(marks cty.ValueMarks) (hcl.Range, bool) {
	for m := range marks {
		if lm, ok := m.(lineMark); ok {
			return lm.rng, true
		}
	}
	return hcl.Range{}, false
}

// refMark marks a value known only after apply with the reference that
// produces it, "push.a.sent[0].quote_token", for Unknown.Ref.
type refMark struct{ ref string }

// sensitiveMark marks the value of a variable declared sensitive = true,
// and every value computed from it, so the JSON paths of a Body that hold
// one are recorded in Send.Sensitive.
type sensitiveMark struct{}

// isSensitive reports whether marks hold a sensitiveMark.
func isSensitive(marks cty.ValueMarks) bool {
	_, ok := marks[sensitiveMark{}]
	return ok
}

// pathString renders a cty path as a JSON path suffix: ".key", "[0]".
func pathString(p cty.Path) string {
	var b strings.Builder
	for _, step := range p {
		switch s := step.(type) {
		case cty.GetAttrStep:
			b.WriteString("." + s.Name)
		case cty.IndexStep:
			switch {
			case !s.Key.IsKnown() || s.Key.IsNull():
				b.WriteString("[?]")
			case s.Key.Type().Equals(cty.String):
				b.WriteString("." + s.Key.AsString())
			case s.Key.Type().Equals(cty.Number):
				i, _ := s.Key.AsBigFloat().Int64()
				fmt.Fprintf(&b, "[%d]", i)
			default:
				b.WriteString("[?]")
			}
		}
	}
	return b.String()
}

// marksByPath indexes the marks of a deep-unmarked value by JSON path,
// each prefixed with base.
func marksByPath(base string, pvm []cty.PathValueMarks) map[string]cty.ValueMarks {
	out := make(map[string]cty.ValueMarks, len(pvm))
	for _, pm := range pvm {
		key := base + pathString(pm.Path)
		merged := out[key]
		if merged == nil {
			merged = cty.ValueMarks{}
			out[key] = merged
		}
		for m := range pm.Marks {
			merged[m] = struct{}{}
		}
	}
	return out
}

// refsOf returns the refMark references in marks, sorted.
func refsOf(marks cty.ValueMarks) []string {
	var out []string
	for m := range marks {
		if rm, ok := m.(refMark); ok {
			out = append(out, rm.ref)
		}
	}
	sort.Strings(out)
	return out
}

// SensitiveValues are the values, as text, of the variables declared
// sensitive (each string, number and bool inside them): what output must
// never show.
func (c *Config) SensitiveValues() []string {
	if c == nil || c.eval == nil {
		return nil
	}
	var out []string
	for _, v := range c.eval.vars {
		plain, marks := v.UnmarkDeep()
		if !isSensitive(marks) || !plain.IsWhollyKnown() {
			continue
		}
		_ = cty.Walk(plain, func(_ cty.Path, leaf cty.Value) (bool, error) {
			if leaf.IsNull() || !leaf.Type().IsPrimitiveType() {
				return true, nil
			}
			if s, err := convert.Convert(leaf, cty.String); err == nil {
				out = append(out, s.AsString())
			}
			return true, nil
		})
	}
	return out
}
