package lang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// toJSON converts v into Body leaves (string, float64, bool, []any,
// map[string]any, Unknown; null object attributes left out). Paths under
// base without a range of their own take that of the nearest enclosing
// path, else parent, when they need one (Send.RangeOf).
func (r *run) toJSON(s *Send, base string, v cty.Value, parent hcl.Range) any {
	return r.jsonOf(s, base, v, parent, nil)
}

// markedPath is a value found marked while converting to JSON: its JSON
// path, its own marks, and whether it is a primitive (or of no known
// type).
type markedPath struct {
	path      string
	marks     cty.ValueMarks
	primitive bool
}

// jsonOf is toJSON, adding to found every marked value on the way. It
// unmarks each value as it goes: unmarking the whole value first rebuilds
// it, which dominated evaluating thousands of pushes.
func (r *run) jsonOf(s *Send, path string, v cty.Value, parent hcl.Range, found *[]markedPath) any {
	v, marks := v.Unmark()
	ty := v.Type()
	if len(marks) > 0 && found != nil {
		*found = append(*found, markedPath{path, marks, ty.IsPrimitiveType() || ty.Equals(cty.DynamicPseudoType)})
	}
	if line, ok := lineOf(marks); ok {
		s.Ranges[path] = line
	}
	rng, ok := s.Ranges[path]
	if !ok {
		rng = parent
	}
	if isSensitive(marks) {
		if s.Sensitive == nil {
			s.Sensitive = map[string]bool{}
		}
		s.Sensitive[path] = true
	}
	if !v.IsKnown() {
		return Unknown{Ref: r.unknownRef(rng, marks)}
	}
	if v.IsNull() {
		return nil
	}
	switch {
	case ty.Equals(cty.String):
		return v.AsString()
	case ty.Equals(cty.Number):
		f, _ := v.AsBigFloat().Float64()
		return f
	case ty.Equals(cty.Bool):
		return v.True()
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := make([]any, 0, v.LengthInt())
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			out = append(out, r.jsonOf(s, JoinIndex(path, i), e, rng, found))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		out := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if e.IsNull() {
				continue
			}
			out[k.AsString()] = r.jsonOf(s, JoinKey(path, k.AsString()), e, rng, found)
		}
		return out
	}
	return nil
}

// unknownRef describes an unknown value for Unknown.Ref: the reference
// that produces it when the value is that reference, else the source text
// of its expression.
func (r *run) unknownRef(rng hcl.Range, marks cty.ValueMarks) string {
	refs := refsOf(marks)
	src := strings.TrimSpace(r.ev.source(rng))
	switch {
	case len(refs) == 1 && (src == "" || isTraversal(src)):
		return refs[0]
	case src != "":
		return src
	case len(refs) > 0:
		return strings.Join(refs, ", ")
	}
	return "(known after apply)"
}

// writeMessages writes the messages value v of s into s.Body["messages"],
// with ranges taken from each message object's origin, or fallback where
// the origin is lost. It returns the LINE type of each message object, or
// nil when the list is not known, the marked values found in it, and
// false when v is not a list of message objects (reported). checkCount
// is false when the count was checked when decoding (inline message
// blocks).
func (r *run) writeMessages(s *Send, v cty.Value, fallback hcl.Range, checkCount bool) ([]string, []markedPath, bool) {
	s.Ranges["messages"] = fallback
	var found []markedPath
	list, listMarks := v.Unmark()
	if !list.IsKnown() {
		s.Body["messages"] = r.jsonOf(s, "messages", v, fallback, &found)
		return nil, found, true
	}
	ty := list.Type()
	if list.IsNull() || !(ty.IsTupleType() || ty.IsListType()) {
		r.diags = append(r.diags, notMessages(fallback, "it is not a list"))
		return nil, nil, false
	}
	n := list.LengthInt()
	switch {
	case checkCount && n == 0:
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "No message objects",
			Detail:   fmt.Sprintf("A send needs 1 to %d message objects; this list is empty.", maxMessages),
			Subject:  fallback.Ptr(),
		})
	case checkCount && n > maxMessages:
		r.diags = append(r.diags, tooManyMessages(n, fallback))
	}
	elems := make([]cty.Value, 0, n)
	var origins []*origin // by element, nil where lost
	for _, e := range list.AsValueSlice() {
		e, marks := e.Unmark()
		elems = append(elems, e)
		origins = append(origins, originOf(marks))
	}
	if !r.placeMessages(s, elems, origins, originOf(listMarks) != nil, fallback) {
		return nil, nil, false
	}
	s.Body["messages"] = r.jsonOf(s, "messages", v, fallback, &found)
	types := make([]string, 0, n)
	for _, e := range elems {
		types = append(types, messageType(e))
	}
	return types, found, true
}

// originOf returns the origin an originMark in marks names, or nil.
func originOf(marks cty.ValueMarks) *origin {
	for m := range marks {
		if om, ok := m.(originMark); ok {
			return om.o
		}
	}
	return nil
}

// placeMessages records the ranges of each message object (elems, each
// unmarked, with its origin or nil) from its origin, and reports elements
// that are not message objects. Where a function dropped the origins of
// the elements and kept one on the list (lifted), the elements get the
// fallback range.
func (r *run) placeMessages(s *Send, elems []cty.Value, origins []*origin, lifted bool, fallback hcl.Range) bool {
	direct := slices.ContainsFunc(origins, func(o *origin) bool { return o != nil })
	for i, e := range elems {
		elemPath := "messages[" + strconv.Itoa(i) + "]"
		isObject := isMessageObject(e)
		switch {
		case origins[i] != nil && isObject:
			for rel, rng := range origins[i].ranges {
				s.Ranges[joinPath(elemPath, rel)] = rng
			}
		case !e.IsKnown() || (lifted && !direct && isObject):
			s.Ranges[elemPath] = fallback
		default:
			r.diags = append(r.diags, notMessages(fallback, fmt.Sprintf("element %d is not a message object from a bundle", i)))
			return false
		}
	}
	return true
}

// isMessageObject reports whether e looks like a message object: an
// object, or a map (what a conditional between two bundles unifies
// objects to), with a "type".
func isMessageObject(e cty.Value) bool {
	ty := e.Type()
	switch {
	case ty.IsObjectType():
		return ty.HasAttribute("type")
	case ty.IsMapType() && e.IsKnown() && !e.IsNull():
		return e.HasIndex(cty.StringVal("type")).True()
	}
	return false
}

// messageType returns the "type" of a message object, or "".
func messageType(e cty.Value) string {
	if !isMessageObject(e) || !e.IsKnown() || e.IsNull() {
		return ""
	}
	var t cty.Value
	if e.Type().IsObjectType() {
		t = e.GetAttr("type")
	} else {
		t = e.Index(cty.StringVal("type"))
	}
	t, _ = t.Unmark()
	if t.IsKnown() && !t.IsNull() && t.Type().Equals(cty.String) {
		return t.AsString()
	}
	return ""
}

func joinPath(base, rel string) string {
	if rel == "" {
		return base
	}
	return base + "." + rel
}

func notMessages(rng hcl.Range, why string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid messages",
		Detail:   fmt.Sprintf("The messages of a send must be a list of message objects: a bundle (messages = bundle.NAME), or several joined with concat(bundle.a, bundle.b); %s.", why),
		Subject:  rng.Ptr(),
	}
}
