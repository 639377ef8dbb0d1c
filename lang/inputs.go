package lang

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// inputValue is a value given for a variable, before conversion to the
// variable's type.
type inputValue struct {
	val    cty.Value  // the value, unless raw is set
	raw    *string    // a string from the environment or -var
	source string     // where it was given, for messages
	rng    *hcl.Range // where it was given, when that is a file
}

// inputValues finds the value of every variable, lowest first: default,
// environment LINEUP_VAR_NAME, -var-file, -var. It converts each to its
// declared type and checks its validation blocks. A variable whose value
// is missing or invalid evaluates to cty.DynamicVal, so that its uses
// report nothing more.
func (m *module) inputValues(p *hclparse.Parser, opts Options) (map[string]cty.Value, hcl.Diagnostics) {
	given := map[string]inputValue{}
	var diags hcl.Diagnostics
	for _, name := range sortedKeys(m.variables) {
		if def := m.variables[name].Default; def != nil {
			val, d := def.Expr.Value(nil)
			diags = append(diags, d...)
			given[name] = inputValue{val: val, source: "its default", rng: def.Expr.Range().Ptr()}
		}
	}
	for _, kv := range opts.Env {
		k, val, _ := strings.Cut(kv, "=")
		name, ok := strings.CutPrefix(k, "LINEUP_VAR_")
		if _, declared := m.variables[name]; ok && declared {
			given[name] = inputValue{raw: &val, source: "the environment variable " + k}
		}
	}
	for _, path := range opts.VarFiles {
		diags = append(diags, m.readVarFile(p, path, given)...)
	}
	for _, arg := range opts.Vars {
		diags = append(diags, m.readVarArg(arg, given)...)
	}
	vals := map[string]cty.Value{}
	for _, name := range sortedKeys(m.variables) {
		v := m.variables[name]
		in, ok := given[name]
		if !ok && opts.UnsetVariablesUnknown {
			vals[name] = cty.UnknownVal(v.Type)
			if v.Sensitive {
				vals[name] = vals[name].Mark(sensitiveMark{})
			}
			continue
		}
		if !ok {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "No value for required variable",
				Detail: fmt.Sprintf("var.%s has no default and no value was given. Set it with -var %s=VALUE, in a -var-file, or with the environment variable LINEUP_VAR_%s; lineup never prompts.",
					name, name, name),
				Subject: v.DeclRange.Ptr(),
			})
			vals[name] = cty.DynamicVal
			continue
		}
		val, d := v.convertInput(in)
		diags = append(diags, d...)
		if v.Sensitive {
			val = val.Mark(sensitiveMark{})
		}
		vals[name] = val
	}
	diags = append(diags, m.validate(vals)...)
	return vals, diags
}

// readVarFile reads one -var-file (JSON when its name ends in .json, HCL
// otherwise) into given.
func (m *module) readVarFile(p *hclparse.Parser, path string, given map[string]inputValue) hcl.Diagnostics {
	var f *hcl.File
	var diags hcl.Diagnostics
	src, err := readRegular(path, MaxFileBytes)
	if err != nil {
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read variable file",
			Detail:   fmt.Sprintf("The -var-file %s cannot be read: %s.", path, err),
		}}
	}
	if strings.HasSuffix(path, ".json") {
		f, diags = p.ParseJSON(src, path)
	} else {
		f, diags = p.ParseHCL(src, path)
	}
	if f == nil || f.Body == nil {
		return diags
	}
	attrs, d := f.Body.JustAttributes()
	diags = append(diags, d...)
	for _, attr := range sortedAttributes(attrs) {
		if _, ok := m.variables[attr.Name]; !ok {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Value for undeclared variable",
				Detail:   fmt.Sprintf("The variable file sets %q, but the configuration declares no variable of that name; the value is ignored.", attr.Name),
				Subject:  attr.NameRange.Ptr(),
			})
			continue
		}
		val, d := attr.Expr.Value(nil)
		diags = append(diags, d...)
		if d.HasErrors() {
			val = cty.DynamicVal
		}
		given[attr.Name] = inputValue{
			val:    val,
			source: fmt.Sprintf("-var-file %s (line %d)", path, attr.Range.Start.Line),
			rng:    attr.Expr.Range().Ptr(),
		}
	}
	return diags
}

// readVarArg reads one -var NAME=VALUE argument into given.
func (m *module) readVarArg(arg string, given map[string]inputValue) hcl.Diagnostics {
	name, val, ok := strings.Cut(arg, "=")
	if !ok || name == "" {
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid -var option",
			Detail:   fmt.Sprintf("The option -var %q is not of the form NAME=VALUE.", arg),
		}}
	}
	if _, declared := m.variables[name]; !declared {
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Value for undeclared variable",
			Detail:   fmt.Sprintf("The option -var %q sets a variable the configuration does not declare. Declare it with a variable %q block, or remove the option.", arg, name),
		}}
	}
	given[name] = inputValue{raw: &val, source: fmt.Sprintf("-var %q", arg)}
	return nil
}

// convertInput converts in to v's type. A raw string is taken literally
// for string (and untyped) variables and parsed as an HCL expression for
// any other type.
func (v *variable) convertInput(in inputValue) (cty.Value, hcl.Diagnostics) {
	val := in.val
	if in.raw != nil {
		if v.Type == cty.String || v.Type == cty.DynamicPseudoType {
			val = cty.StringVal(*in.raw)
		} else {
			expr, d := hclsyntax.ParseExpression([]byte(*in.raw), "<value>", hcl.InitialPos)
			if !d.HasErrors() {
				val, d = expr.Value(nil)
			}
			if d.HasErrors() {
				return cty.DynamicVal, v.invalidInput(in, fmt.Sprintf("%q cannot be read as one; values of types "+
					"other than string are written as in HCL: 42, true, [\"a\", \"b\"], {key = \"value\"}", *in.raw))
			}
		}
	}
	if val == cty.NilVal || !val.IsWhollyKnown() {
		return cty.DynamicVal, nil // its expression already reported an error
	}
	out, err := convert.Convert(val, v.Type)
	if err != nil {
		return cty.DynamicVal, v.invalidInput(in, err.Error())
	}
	return out, nil
}

func (v *variable) invalidInput(in inputValue, why string) hcl.Diagnostics {
	subject := in.rng
	if subject == nil {
		subject = v.TypeRange
	}
	if subject == nil {
		subject = v.DeclRange.Ptr()
	}
	return hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Invalid value for input variable",
		Detail: fmt.Sprintf("The value for var.%s given by %s is not a valid %s: %s.",
			v.Name, in.source, v.Type.FriendlyNameForConstraint(), why),
		Subject: subject,
	}}
}

// validate checks the validation blocks of every variable against vals.
func (m *module) validate(vals map[string]cty.Value) hcl.Diagnostics {
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(vals)},
		Functions: functions(),
	}
	var diags hcl.Diagnostics
	for _, name := range sortedKeys(m.variables) {
		for _, vr := range m.variables[name].Validations {
			diags = append(diags, vr.check(ctx)...)
		}
	}
	return diags
}

// check evaluates one validation block.
func (vr *validation) check(ctx *hcl.EvalContext) hcl.Diagnostics {
	cond, diags := vr.Condition.Value(ctx)
	if diags.HasErrors() || !cond.IsWhollyKnown() {
		return diags
	}
	cond, _ = cond.UnmarkDeep()
	cond, err := convert.Convert(cond, cty.Bool)
	if err != nil || cond.IsNull() {
		return append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid validation condition",
			Detail:   "A validation condition must be true or false.",
			Subject:  vr.Condition.Range().Ptr(),
		})
	}
	if cond.True() {
		return diags
	}
	msg, d := vr.ErrorMessage.Value(ctx)
	diags = append(diags, d...)
	msg, _ = msg.UnmarkDeep()
	msg, err = convert.Convert(msg, cty.String)
	text := "The value does not pass this validation rule."
	if err == nil && msg.IsKnown() && !msg.IsNull() {
		text = msg.AsString()
	}
	return append(diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid value for variable",
		Detail:   fmt.Sprintf("%s\n\nThis was checked by the validation rule at %s:%d.", text, vr.DeclRange.Filename, vr.DeclRange.Start.Line),
		Subject:  vr.Condition.Range().Ptr(),
	})
}

// InputsDigest is the hex SHA-256 of the value of every variable, as Load
// found it (from its default, the environment, -var-file or -var), by
// name: the same values give the same digest, wherever they came from. A
// saved plan records it to tell whether apply is given the inputs the plan
// was made with. It is "" for a Config not returned by Load.
func (c *Config) InputsDigest() string {
	if c == nil || c.eval == nil {
		return ""
	}
	h := sha256.New()
	for _, name := range sortedKeys(c.eval.vars) {
		h.Write(c.inputRecord(name))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// InputDigests is, for each variable by name, the hex SHA-256 of salt and
// its value as InputsDigest sees it, so a saved plan can say which input
// changed. The salt (the plan's ID) keeps the digest of a short
// sensitive value from being looked up in a table made in advance.
func (c *Config) InputDigests(salt string) map[string]string {
	out := map[string]string{}
	if c == nil || c.eval == nil {
		return out
	}
	for name := range c.eval.vars {
		h := sha256.New()
		fmt.Fprintf(h, "%s\n", salt)
		h.Write(c.inputRecord(name))
		out[name] = hex.EncodeToString(h.Sum(nil))
	}
	return out
}

// inputRecord is the line the digests hold for the variable name: its
// name, type and value in JSON.
func (c *Config) inputRecord(name string) []byte {
	v, _ := c.eval.vars[name].UnmarkDeep()
	data, err := ctyjson.Marshal(v, v.Type())
	if err != nil || !v.IsWhollyKnown() {
		data = []byte("(no value)")
	}
	ty, _ := ctyjson.MarshalType(v.Type())
	return fmt.Appendf(nil, "%q %s %d:%s\n", name, ty, len(data), data)
}
