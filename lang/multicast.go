package lang

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

func multicastSchema() *hcl.BodySchema {
	s := broadcastSchema()
	s.Attributes = append(s.Attributes,
		hcl.AttributeSchema{Name: "to", Required: true},
		hcl.AttributeSchema{Name: "aggregation_unit"},
	)
	return s
}

var (
	userIDPattern = regexp.MustCompile(`^U[0-9a-f]{32}$`)
	chatIDPattern = regexp.MustCompile(`^[CR][0-9a-f]{32}$`)
)

// evalMulticastTo evaluates the to of a multicast into s.Body["to"]: the
// user IDs without duplicates, in the order of their first appearance.
// A group or room ID, a malformed ID and an empty list are errors on to,
// naming the index.
func (r *run) evalMulticastTo(s *Send, c *cast, ctx *hcl.EvalContext) {
	a := c.To
	s.Ranges["to"] = a.Expr.Range()
	v := r.evalExpr(a.Expr, ctx)
	list, err := convert.Convert(v, cty.List(cty.String))
	if err != nil {
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Incorrect attribute value type",
			Detail:   fmt.Sprintf("The to of a multicast is a list of user IDs, such as file_lines(\"members.txt\"): %s.", err),
			Subject:  a.Expr.Range().Ptr(),
		})
		return
	}
	plain, pvm := list.UnmarkDeepWithPaths()
	if plain.IsNull() {
		r.diags = append(r.diags, noRecipients(a, "it is null"))
		return
	}
	lines, sensitive, others := marksOfTo(pvm)
	if !plain.IsWhollyKnown() || others {
		s.Body["to"] = r.toJSON(s, "to", list, a.Expr.Range())
		return
	}
	if sensitive {
		s.Sensitive = map[string]bool{"to": true}
	}
	ids := []any{}
	seen := map[string]bool{}
	i := 0
	for it := plain.ElementIterator(); it.Next(); i++ {
		_, e := it.Element()
		id := e.AsString()
		subject, fromFile := lines[i]
		if !fromFile {
			subject = a.Expr.Range()
		}
		if d := checkUserID(id, i, subject); d != nil {
			r.diags = append(r.diags, d)
			return
		}
		if !seen[id] {
			seen[id] = true
			if fromFile {
				s.Ranges[fmt.Sprintf("to[%d]", len(ids))] = subject
			}
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		r.diags = append(r.diags, noRecipients(a, "the list is empty"))
		return
	}
	s.Body["to"] = ids
}

// marksOfTo sorts the marks of a multicast's to: the lines of a file
// (file_lines) by element index, whether a value is sensitive, and
// whether there are other marks (values known after apply).
func marksOfTo(pvm []cty.PathValueMarks) (lines map[int]hcl.Range, sensitive, others bool) {
	lines = map[int]hcl.Range{}
	for _, pm := range pvm {
		for m := range pm.Marks {
			switch m := m.(type) {
			case sensitiveMark:
				sensitive = true
			case lineMark:
				if len(pm.Path) == 1 {
					if ix, ok := pm.Path[0].(cty.IndexStep); ok && ix.Key.Type() == cty.Number {
						i, _ := ix.Key.AsBigFloat().Int64()
						lines[int(i)] = m.rng
					}
				}
			default:
				others = true
			}
		}
	}
	return lines, sensitive, others
}

// checkUserID reports element i of a multicast's to that is not a user ID.
func checkUserID(id string, i int, subject hcl.Range) *hcl.Diagnostic {
	switch {
	case userIDPattern.MatchString(id):
		return nil
	case chatIDPattern.MatchString(id):
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Group or room in multicast",
			Detail: fmt.Sprintf("to[%d] is %q, a group or room ID; a multicast sends to users only (U followed by 32 hex digits). "+
				"Send to a group or room with a push.", i, id),
			Subject: subject.Ptr(),
		}
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid user ID",
		Detail:   fmt.Sprintf("to[%d] is %q, which is not a user ID: a user ID is U followed by 32 lowercase hex digits.", i, id),
		Subject:  subject.Ptr(),
	}
}

func noRecipients(a *hcl.Attribute, why string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "No recipients",
		Detail:   fmt.Sprintf("A multicast sends to one or more user IDs; %s.", why),
		Subject:  a.Expr.Range().Ptr(),
	}
}

// multicastValue is the value of multicast.NAME: request_ids, one per
// request of at most 500 users, known when results hold the multicast.
func (r *run) multicastValue(addr string) cty.Value {
	res, done := r.results[addr]
	if !done {
		return cty.ObjectVal(map[string]cty.Value{
			"request_ids": cty.UnknownVal(cty.List(cty.String)).Mark(refMark{ref: addr + ".request_ids"}),
		})
	}
	ids := make([]cty.Value, len(res.RequestIDs))
	for i, id := range res.RequestIDs {
		ids[i] = cty.StringVal(id)
	}
	list := cty.ListValEmpty(cty.String)
	if len(ids) > 0 {
		list = cty.ListVal(ids)
	}
	return cty.ObjectVal(map[string]cty.Value{"request_ids": list})
}
