package lang

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

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
		d := badFlexContents(attr, why)
		if line, col, at, ok := jsonErrorAt(src); ok {
			d.Detail += fmt.Sprintf(" The mistake is at line %d, column %d of the JSON.", line, col)
			if name := r.literalFile(attr.Expr); name != "" {
				d.Subject = &hcl.Range{Filename: name, Start: hcl.Pos{Line: line, Column: col, Byte: at},
					End: hcl.Pos{Line: line, Column: col + 1, Byte: at + 1}}
			}
		}
		r.diags = append(r.diags, d)
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

// jsonErrorAt is the line and column (from 1) and byte offset of the
// first syntax error in src, if it has one.
func jsonErrorAt(src []byte) (line, col, at int, ok bool) {
	var v any
	var se *json.SyntaxError
	if err := json.Unmarshal(src, &v); !errors.As(err, &se) {
		return 0, 0, 0, false
	}
	at = max(int(se.Offset)-1, 0) // Offset counts the bytes read, the bad one included
	before := src[:min(at, len(src))]
	line = bytes.Count(before, []byte("\n")) + 1
	col = at - bytes.LastIndexByte(before, '\n')
	return line, col, at, true
}

// literalFile is the path, as Load names files, of the file that expr
// reads when it is file("PATH") with a literal PATH, or "".
func (r *run) literalFile(expr hcl.Expression) string {
	call, ok := expr.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "file" || len(call.Args) != 1 {
		return ""
	}
	v, diags := call.Args[0].Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return ""
	}
	return filepath.Join(r.ev.dir, filepath.Clean(filepath.FromSlash(v.AsString())))
}
