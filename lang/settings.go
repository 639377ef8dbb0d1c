package lang

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

var lineupSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "state"}, {Name: "inbox"}, {Name: "testers"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "channel"}, {Type: "backend", LabelNames: []string{"type"}}},
}

var postgresSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "url_env"}, {Name: "schema"}, {Name: "workspace", Required: true}},
}

// schemaName is what a backend's schema may be: a plain lower-case SQL
// identifier, so it never needs quoting in the database's own tools.
var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

var channelSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "token_env"}, {Name: "secret_env"}},
}

// secondBlock is the error for block, of a type that its container holds
// at most one of, first declared at prev; holder begins the sentence
// that says so ("A configuration has").
func secondBlock(block *hcl.Block, prev hcl.Range, holder string) hcl.Diagnostics {
	return hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Duplicate " + block.Type + " block",
		Detail: fmt.Sprintf("A %s block is already declared at %s:%d. %s at most one %s block.",
			block.Type, prev.Filename, prev.Start.Line, holder, block.Type),
		Subject: block.DefRange.Ptr(),
	}}
}

// addSettings decodes the lineup block into m.settings; a configuration
// has at most one.
func (m *module) addSettings(block *hcl.Block) hcl.Diagnostics {
	if m.settingsSeen {
		return secondBlock(block, m.settings.DeclRange, "A configuration has")
	}
	m.settingsSeen = true
	m.settings.DeclRange = block.DefRange
	content, diags := bodyContent(block.Body, lineupSchema)
	diags = append(diags, constString(content.Attributes["state"], &m.settings.StateFile)...)
	diags = append(diags, constString(content.Attributes["inbox"], &m.settings.InboxFile)...)
	diags = append(diags, testers(content.Attributes["testers"], &m.settings.Testers)...)
	seenChannel := false
	for _, ch := range content.Blocks {
		if ch.Type == "backend" {
			diags = append(diags, m.addBackend(ch, content.Attributes["state"])...)
			continue
		}
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

// addBackend decodes a backend block of the lineup block; state is the
// lineup block's state argument, which a backend replaces.
func (m *module) addBackend(block *hcl.Block, state *hcl.Attribute) hcl.Diagnostics {
	if prev := m.settings.Backend; prev != nil {
		return secondBlock(block, prev.DeclRange, "A lineup block holds")
	}
	if block.Labels[0] != "postgres" {
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Unsupported backend",
			Detail: fmt.Sprintf("There is no backend %q. The one backend is \"postgres\"; without a backend block, "+
				"the state is kept in files beside the configuration.", block.Labels[0]),
			Subject: block.LabelRanges[0].Ptr(),
		}}
	}
	b := &Backend{Type: "postgres", URLEnv: DefaultURLEnv, Schema: DefaultSchema, DeclRange: block.DefRange}
	m.settings.Backend = b
	content, diags := bodyContent(block.Body, postgresSchema)
	diags = append(diags, constString(content.Attributes["url_env"], &b.URLEnv)...)
	diags = append(diags, constString(content.Attributes["schema"], &b.Schema)...)
	diags = append(diags, constString(content.Attributes["workspace"], &b.Workspace)...)
	if attr := content.Attributes["url_env"]; attr != nil && strings.Contains(b.URLEnv, "://") {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Database URL in the configuration",
			Detail: "url_env names the environment variable that holds the database URL; the URL itself, with its " +
				"password, must never be written in the configuration. Set it in the environment, and name the variable here.",
			Subject: attr.Expr.Range().Ptr(),
		})
	}
	if attr := content.Attributes["schema"]; attr != nil && b.Schema != "" && !schemaName.MatchString(b.Schema) {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid schema name",
			Detail: fmt.Sprintf("The schema %q is not a plain SQL name: lower-case letters, digits and underscores, "+
				"not starting with a digit, at most 63 characters.", b.Schema),
			Subject: attr.Expr.Range().Ptr(),
		})
	}
	if state != nil {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "State file with a backend",
			Detail:   "With a backend block the state is kept in the database, not in a file: remove the state argument.",
			Subject:  state.NameRange.Ptr(),
		})
	}
	return diags
}

// constString evaluates attr, which may not refer to anything, as a
// non-empty string into dst. A nil attr leaves dst as it is.
// testers decodes the lineup block's testers: a constant list of user
// IDs, the phones lineup apply -test delivers to.
func testers(attr *hcl.Attribute, dst *[]string) hcl.Diagnostics {
	if attr == nil {
		return nil
	}
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() {
		return diags
	}
	v, err := convert.Convert(v, cty.List(cty.String))
	if err != nil || v.IsNull() || !v.IsWhollyKnown() || v.IsMarked() || v.LengthInt() == 0 {
		return append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Incorrect attribute value type",
			Detail:   "The argument \"testers\" must be a non-empty list of user IDs, written out: [\"U4af4980629a1b2c3d4e5f60718293a4b\"].",
			Subject:  attr.Expr.Range().Ptr(),
		})
	}
	for i, id := range v.AsValueSlice() {
		if id.IsNull() || !userIDPattern.MatchString(id.AsString()) {
			return append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid tester",
				Detail: fmt.Sprintf("testers[%d] must be a user ID: U and 32 hex digits, as LINE gives it; a test "+
					"delivery is a push to one person.", i),
				Subject: attr.Expr.Range().Ptr(),
			})
		}
		*dst = append(*dst, id.AsString())
	}
	return diags
}

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
