package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "type"},
		{Name: "default"},
		{Name: "description"},
		{Name: "sensitive"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var validationSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "condition", Required: true},
		{Name: "error_message", Required: true},
	},
}

// decodeVariableBlock decodes a variable block. Its value is found later,
// by inputValues.
func decodeVariableBlock(block *hcl.Block) (*variable, hcl.Diagnostics) {
	diags := checkName(block, "variable")
	if diags.HasErrors() {
		return nil, diags
	}
	v := &variable{Name: block.Labels[0], Type: cty.DynamicPseudoType, DeclRange: block.DefRange}
	content, d := bodyContent(block.Body, variableSchema)
	diags = append(diags, d...)
	if attr := content.Attributes["type"]; attr != nil {
		ty, d := typeexpr.TypeConstraint(attr.Expr)
		diags = append(diags, d...)
		if !d.HasErrors() {
			v.Type = ty
		}
		v.TypeRange = attr.Expr.Range().Ptr()
	}
	v.Default = content.Attributes["default"]
	if attr := content.Attributes["description"]; attr != nil {
		diags = append(diags, constString(attr, &v.Description)...)
	}
	if attr := content.Attributes["sensitive"]; attr != nil {
		diags = append(diags, constBool(attr, &v.Sensitive)...)
	}
	for _, vb := range content.Blocks {
		vc, d := bodyContent(vb.Body, validationSchema)
		diags = append(diags, d...)
		if vc.Attributes["condition"] == nil || vc.Attributes["error_message"] == nil {
			continue
		}
		v.Validations = append(v.Validations, &validation{
			Condition:    vc.Attributes["condition"].Expr,
			ErrorMessage: vc.Attributes["error_message"].Expr,
			DeclRange:    vb.DefRange,
		})
	}
	return v, diags
}

// constBool evaluates attr, which may not refer to anything, as a bool.
func constBool(attr *hcl.Attribute, dst *bool) hcl.Diagnostics {
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() {
		return diags
	}
	v, err := convert.Convert(v, cty.Bool)
	if err != nil || v.IsNull() || !v.IsKnown() || v.IsMarked() {
		return append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Incorrect attribute value type",
			Detail:   fmt.Sprintf("The argument %q must be true or false.", attr.Name),
			Subject:  attr.Expr.Range().Ptr(),
		})
	}
	*dst = v.True()
	return diags
}
