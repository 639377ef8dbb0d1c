package lang

import (
	"fmt"
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
	return r.unmarkedJSON(s, base, unmarkDeep(v), parent)
}

// unmarkedJSON is toJSON of a value already unmarked.
func (r *run) unmarkedJSON(s *Send, base string, u unmarked, parent hcl.Range) any {
	return r.jsonValue(s, u.plain, base, marksByPath(base, u.pvm), parent)
}

// unmarked is a value without its marks, and its marks by path.
type unmarked struct {
	plain cty.Value
	pvm   []cty.PathValueMarks
}

func unmarkDeep(v cty.Value) unmarked {
	plain, pvm := v.UnmarkDeepWithPaths()
	return unmarked{plain, pvm}
}

func (r *run) jsonValue(s *Send, v cty.Value, path string, marks map[string]cty.ValueMarks, parent hcl.Range) any {
	rng, ok := s.Ranges[path]
	if !ok {
		rng = parent
	}
	if isSensitive(marks[path]) {
		if s.Sensitive == nil {
			s.Sensitive = map[string]bool{}
		}
		s.Sensitive[path] = true
	}
	if !v.IsKnown() {
		return Unknown{Ref: r.unknownRef(rng, marks[path])}
	}
	if v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty.Equals(cty.String):
		return v.AsString()
	case ty.Equals(cty.Number):
		f, _ := v.AsBigFloat().Float64()
		return f
	case ty.Equals(cty.Bool):
		return v.True()
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := []any{}
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			out = append(out, r.jsonValue(s, e, path+"["+strconv.Itoa(i)+"]", marks, rng))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if e.IsNull() {
				continue
			}
			out[k.AsString()] = r.jsonValue(s, e, path+"."+k.AsString(), marks, rng)
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
// nil when the list is not known, and false when v is not a list of
// message objects (reported). checkCount is false when the count was
// checked when decoding (inline message blocks).
func (r *run) writeMessages(s *Send, v unmarked, fallback hcl.Range, checkCount bool) ([]string, bool) {
	s.Ranges["messages"] = fallback
	plain, pvm := v.plain, v.pvm
	if !plain.IsKnown() {
		s.Body["messages"] = r.unmarkedJSON(s, "messages", v, fallback)
		return nil, true
	}
	ty := plain.Type()
	if plain.IsNull() || !(ty.IsTupleType() || ty.IsListType()) {
		r.diags = append(r.diags, notMessages(fallback, "it is not a list"))
		return nil, false
	}
	n := plain.LengthInt()
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
	if !r.placeMessages(s, plain, pvm, fallback) {
		return nil, false
	}
	s.Body["messages"] = r.unmarkedJSON(s, "messages", v, fallback)
	types := make([]string, 0, n)
	for _, e := range plain.AsValueSlice() {
		types = append(types, messageType(e))
	}
	return types, true
}

// placeMessages records the ranges of each message object of the list
// plain from its origin, and reports elements that are not message
// objects. Where a function dropped the origins of the elements (and kept
// them on the list), the elements get the fallback range.
func (r *run) placeMessages(s *Send, plain cty.Value, pvm []cty.PathValueMarks, fallback hcl.Range) bool {
	direct := map[int]*origin{}
	lifted := false
	for _, pm := range pvm {
		for m := range pm.Marks {
			om, ok := m.(originMark)
			if !ok {
				continue
			}
			if len(pm.Path) == 0 {
				lifted = true
			} else if idx, ok := pm.Path[0].(cty.IndexStep); ok && len(pm.Path) == 1 && idx.Key.Type().Equals(cty.Number) {
				i, _ := idx.Key.AsBigFloat().Int64()
				direct[int(i)] = om.o
			}
		}
	}
	for i, e := range plain.AsValueSlice() {
		elemPath := fmt.Sprintf("messages[%d]", i)
		o, ok := direct[i]
		isObject := isMessageObject(e)
		switch {
		case ok && isObject:
			for rel, rng := range o.ranges {
				s.Ranges[joinPath(elemPath, rel)] = rng
			}
		case !e.IsKnown() || (lifted && len(direct) == 0 && isObject):
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
