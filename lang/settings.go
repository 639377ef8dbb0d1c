package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

var lineupSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "state"}, {Name: "inbox"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "channel"}},
}

var channelSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "token_env"}, {Name: "secret_env"}},
}

// addSettings decodes the lineup block into m.settings; a configuration
// has at most one.
func (m *module) addSettings(block *hcl.Block) hcl.Diagnostics {
	if m.settingsSeen {
		p := m.settings.DeclRange
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Duplicate lineup block",
			Detail: fmt.Sprintf("A lineup block is already declared at %s:%d. A configuration has at most one lineup block.",
				p.Filename, p.Start.Line),
			Subject: block.DefRange.Ptr(),
		}}
	}
	m.settingsSeen = true
	m.settings.DeclRange = block.DefRange
	content, diags := bodyContent(block.Body, lineupSchema)
	diags = append(diags, constString(content.Attributes["state"], &m.settings.StateFile)...)
	diags = append(diags, constString(content.Attributes["inbox"], &m.settings.InboxFile)...)
	seenChannel := false
	for _, ch := range content.Blocks {
		if seenChannel {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate channel block",
				Detail:   "A lineup block holds at most one channel block.",
				Subject:  ch.DefRange.Ptr(),
			})
			continue
		}
		seenChannel = true
		cc, d := bodyContent(ch.Body, channelSchema)
		diags = append(diags, d...)
		diags = append(diags, constString(cc.Attributes["token_env"], &m.settings.TokenEnv)...)
		diags = append(diags, constString(cc.Attributes["secret_env"], &m.settings.SecretEnv)...)
	}
	return diags
}

// constString evaluates attr, which may not refer to anything, as a
// non-empty string into dst. A nil attr leaves dst as it is.
func constString(attr *hcl.Attribute, dst *string) hcl.Diagnostics {
	if attr == nil {
		return nil
	}
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() {
		return diags
	}
	v, err := convert.Convert(v, cty.String)
	if err != nil || v.IsNull() || !v.IsKnown() || v.IsMarked() || v.AsString() == "" {
		return append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Incorrect attribute value type",
			Detail:   fmt.Sprintf("The argument %q must be a non-empty string.", attr.Name),
			Subject:  attr.Expr.Range().Ptr(),
		})
	}
	*dst = v.AsString()
	return diags
}
