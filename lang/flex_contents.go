package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// flexContents turns the value of a flex message's contents into the
// container object: a string is read as JSON (file("flex/receipt.json"),
// a heredoc), an object is kept with its keys as written. Where contents
// is an object written in HCL, the range of each of its keys is recorded
// under path, so a problem deep inside points at its own line.
func (r *run) flexContents(attr *hcl.Attribute, v cty.Value, path string, ranges map[string]hcl.Range) cty.Value {
	plain, marks := v.Unmark()
	if !plain.IsKnown() {
		return v
	}
	ty := plain.Type()
	switch {
	case ty.Equals(cty.String):
		src := []byte(plain.AsString())
		implied, err := ctyjson.ImpliedType(src)
		if err == nil {
			var out cty.Value
			out, err = ctyjson.Unmarshal(src, implied)
			if err == nil && (implied.IsObjectType() || implied.IsMapType()) {
				return out.WithMarks(marks)
			}
		}
		why := "it is JSON, but not an object"
		if err != nil {
			why = "it is not valid JSON: " + err.Error()
		}
		r.diags = append(r.diags, badFlexContents(attr, why))
		return cty.DynamicVal
	case ty.IsObjectType() || ty.IsMapType():
		recordExprRanges(attr.Expr, path, ranges)
		return v
	}
	r.diags = append(r.diags, badFlexContents(attr, "it is a "+ty.FriendlyName()))
	return cty.DynamicVal
}

func badFlexContents(attr *hcl.Attribute, why string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid flex contents",
		Detail: fmt.Sprintf("contents must be a Flex container (a bubble or a carousel), as a JSON string such as file(\"flex/receipt.json\") or as an object { type = \"bubble\", ... }; %s.",
			why),
		Subject: attr.Expr.Range().Ptr(),
	}
}

// recordExprRanges records the range of every object item and tuple
// element written literally in expr, by JSON path under path.
func recordExprRanges(expr hcl.Expression, path string, ranges map[string]hcl.Range) {
	switch e := expr.(type) {
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			kv, diags := item.KeyExpr.Value(nil)
			if diags.HasErrors() || !kv.IsKnown() || kv.IsNull() || !kv.Type().Equals(cty.String) {
				continue
			}
			p := path + "." + kv.AsString()
			ranges[p] = item.ValueExpr.Range()
			recordExprRanges(item.ValueExpr, p, ranges)
		}
	case *hclsyntax.TupleConsExpr:
		for i, el := range e.Exprs {
			p := fmt.Sprintf("%s[%d]", path, i)
			ranges[p] = el.Range()
			recordExprRanges(el, p, ranges)
		}
	}
}
