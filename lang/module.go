package lang

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// module is a configuration decoded but not yet evaluated: every block of
// every file, merged by address.
type module struct {
	settings     Settings
	settingsSeen bool

	variables map[string]*variable
	locals    map[string]*local
	bundles   map[string]*bundle
	pushes    map[string]*push
	replies   map[string]*replyBlock
	casts     map[string]*cast          // multicasts, broadcasts, narrowcasts by address
	audiences map[string]*audienceBlock // by name
	policy    *Policy                   // nil when there is no policy block
	rules     map[string]*Rule          // by name
	inbox     *inboxSource              // set by Load

	names map[string]declaredNames // by reference root, made by namesOf
}

// variable is a variable block.
type variable struct {
	Name        string
	Type        cty.Type // cty.DynamicPseudoType when not given
	TypeRange   *hcl.Range
	Default     *hcl.Attribute // nil when not given
	Description string
	Sensitive   bool
	Validations []*validation
	DeclRange   hcl.Range
}

// validation is a validation block inside a variable block.
type validation struct {
	Condition    hcl.Expression
	ErrorMessage hcl.Expression
	DeclRange    hcl.Range
}

// local is one attribute of a locals block.
type local struct {
	Name      string
	Expr      hcl.Expression
	DeclRange hcl.Range
}

// bundle is a bundle block: 1 to 5 message blocks, in order.
type bundle struct {
	Name      string
	Messages  []*messageBlock
	DeclRange hcl.Range
}

// push is a push block. Exactly one of Messages and Inline is set when the
// block is valid.
type push struct {
	Name                 string
	To                   *hcl.Attribute
	Messages             *hcl.Attribute
	Inline               []*messageBlock
	NotificationDisabled *hcl.Attribute
	AggregationUnit      *hcl.Attribute
	Schedule             scheduleAttrs
	DeclRange            hcl.Range
}

func newModule() *module {
	return &module{
		settings: Settings{
			StateFile: DefaultStateFile,
			TokenEnv:  "LINE_CHANNEL_ACCESS_TOKEN",
			SecretEnv: "LINE_CHANNEL_SECRET",
		},
		variables: map[string]*variable{},
		locals:    map[string]*local{},
		bundles:   map[string]*bundle{},
		pushes:    map[string]*push{},
		replies:   map[string]*replyBlock{},
		casts:     map[string]*cast{},
		audiences: map[string]*audienceBlock{},
		rules:     map[string]*Rule{},
	}
}

// fileSchema is the top level of a .lineup.hcl file.
var fileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "lineup"},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "bundle", LabelNames: []string{"name"}},
		{Type: "push", LabelNames: []string{"name"}},
		{Type: "multicast", LabelNames: []string{"name"}},
		{Type: "broadcast", LabelNames: []string{"name"}},
		{Type: "narrowcast", LabelNames: []string{"name"}},
		{Type: "audience", LabelNames: []string{"name"}},
		{Type: "reply", LabelNames: []string{"name"}},
		{Type: "policy"},
		{Type: "rule", LabelNames: []string{"name"}},
	},
}

// decl is one top-level block of a file, decoded on its own: value is
// the *variable, *bundle, *push, *cast, *audienceBlock or *replyBlock,
// nil when the block could not be decoded or (lineup, locals) is decoded
// when merged.
type decl struct {
	block *hcl.Block
	value any
	diags hcl.Diagnostics
}

// decodeFile decodes the top-level blocks of one file. It reads nothing
// but the file, so files are decoded in parallel.
func decodeFile(f *hcl.File) ([]decl, hcl.Diagnostics) {
	content, diags := bodyContent(f.Body, fileSchema)
	decls := make([]decl, len(content.Blocks))
	for i, block := range content.Blocks {
		d := decl{block: block}
		switch block.Type {
		case "variable":
			d.value, d.diags = orNil(decodeVariableBlock(block))
		case "bundle":
			d.value, d.diags = orNil(decodeBundleBlock(block))
		case "push":
			d.value, d.diags = orNil(decodePushBlock(block))
		case "multicast", "broadcast", "narrowcast":
			d.value, d.diags = orNil(decodeCastBlock(block))
		case "audience":
			d.value, d.diags = orNil(decodeAudienceBlock(block))
		case "reply":
			d.value, d.diags = orNil(decodeReplyBlock(block))
		case "rule":
			d.value, d.diags = orNil(decodeRuleBlock(block))
		}
		decls[i] = d
	}
	return decls, diags
}

// orNil returns v as an any that is nil when v is a nil pointer.
func orNil[T any](v *T, diags hcl.Diagnostics) (any, hcl.Diagnostics) {
	if v == nil {
		return nil, diags
	}
	return v, diags
}

// addDecls merges the blocks of one file into m, in source order,
// reporting addresses already declared.
func (m *module) addDecls(decls []decl) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, d := range decls {
		diags = append(diags, d.diags...)
		switch v := d.value.(type) {
		case *variable:
			diags = append(diags, declare(m.variables, "var."+v.Name, v.Name, v, v.DeclRange, varRange)...)
		case *bundle:
			diags = append(diags, declare(m.bundles, "bundle."+v.Name, v.Name, v, v.DeclRange, bundleRange)...)
		case *push:
			diags = append(diags, declare(m.pushes, "push."+v.Name, v.Name, v, v.DeclRange, pushRange)...)
		case *cast:
			addr := v.Address()
			diags = append(diags, declare(m.casts, addr, addr, v, v.DeclRange, castRange)...)
		case *audienceBlock:
			diags = append(diags, declare(m.audiences, "audience."+v.Name, v.Name, v, v.DeclRange, audienceRange)...)
		case *replyBlock:
			diags = append(diags, declare(m.replies, "reply."+v.Name, v.Name, v, v.DeclRange, replyRange)...)
		case *Rule:
			diags = append(diags, declare(m.rules, "rule."+v.Name, v.Name, v, v.DeclRange, ruleRange)...)
		}
		switch d.block.Type {
		case "lineup":
			diags = append(diags, m.addSettings(d.block)...)
		case "locals":
			diags = append(diags, m.addLocals(d.block)...)
		case "policy":
			diags = append(diags, m.addPolicy(d.block)...)
		}
	}
	return diags
}

func varRange(v *variable) hcl.Range  { return v.DeclRange }
func bundleRange(b *bundle) hcl.Range { return b.DeclRange }
func pushRange(p *push) hcl.Range     { return p.DeclRange }
func localRange(l *local) hcl.Range   { return l.DeclRange }

// declare adds v to into under name, or reports that addr is already
// declared, naming both places.
func declare[T any](into map[string]T, addr, name string, v T, rng hcl.Range, rangeOf func(T) hcl.Range) hcl.Diagnostics {
	if prev, ok := into[name]; ok {
		p := rangeOf(prev)
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Duplicate " + addrNoun(addr),
			Detail: fmt.Sprintf("%s is already declared at %s:%d. An address must be unique across all files of the configuration.",
				addr, p.Filename, p.Start.Line),
			Subject: rng.Ptr(),
		}}
	}
	into[name] = v
	return nil
}

// addrNoun names the kind of thing at addr, for messages.
func addrNoun(addr string) string {
	switch root, _, _ := strings.Cut(addr, "."); root {
	case "var":
		return "variable"
	case "local":
		return "local value"
	default:
		return root
	}
}

// addLocals decodes a locals block.
func (m *module) addLocals(block *hcl.Block) hcl.Diagnostics {
	attrs, diags := block.Body.JustAttributes()
	for _, attr := range sortedAttributes(attrs) {
		l := &local{Name: attr.Name, Expr: attr.Expr, DeclRange: attr.Range}
		diags = append(diags, declare(m.locals, "local."+l.Name, l.Name, l, l.DeclRange, localRange)...)
	}
	return diags
}

// sortedAttributes returns attrs in source order.
func sortedAttributes(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	return out
}

// checkName reports a block label that cannot be used in a reference.
// Names are ASCII, as Terraform's are: "hello" and "hеllo" (with a
// Cyrillic е) would plan as two sends that look the same.
func checkName(block *hcl.Block, what string) hcl.Diagnostics {
	if len(block.Labels) == 0 || asciiName(block.Labels[0]) {
		return nil
	}
	return hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Invalid " + what + " name",
		Detail: fmt.Sprintf("A %s name must start with an ASCII letter or underscore and hold only ASCII letters, digits, underscores and dashes, so that it can be referred to as %s.NAME.",
			what, refRoot(what)),
		Subject: block.LabelRanges[0].Ptr(),
	}}
}

// asciiName reports whether name is a valid identifier of ASCII letters,
// digits, "_" and "-" only.
func asciiName(name string) bool {
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return hclsyntax.ValidIdentifier(name)
}

func refRoot(what string) string {
	if what == "variable" {
		return "var"
	}
	return what
}

// sortedKeys returns the keys of m in order.
func sortedKeys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
