package lang

import (
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestBodyContentMatchesHCL decodes bodies that fit the schema and bodies
// that do not, and expects what hcl's Content gives: the same attributes,
// blocks and diagnostics.
func TestBodyContentMatchesHCL(t *testing.T) {
	schema := &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "to", Required: true}, {Name: "messages"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "text"}, {Type: "area", LabelNames: []string{"key"}}},
	}
	for name, src := range map[string]string{
		"fits":              "to = \"U1\"\nmessages = []\n",
		"fits with blocks":  "to = \"U1\"\ntext {\n  text = \"a\"\n}\narea \"x\" {\n}\ntext {\n}\n",
		"unknown argument":  "to = \"U1\"\nmessage = []\n",
		"missing required":  "messages = []\n",
		"unknown block":     "to = \"U1\"\ntexts {\n}\n",
		"argument as block": "to = \"U1\"\nmessages {\n}\n",
		"block as argument": "to = \"U1\"\ntext = \"a\"\n",
		"extraneous label":  "to = \"U1\"\ntext \"a\" {\n}\n",
		"missing label":     "to = \"U1\"\narea {\n}\n",
		"empty":             "",
	} {
		t.Run(name, func(t *testing.T) {
			want := parseBody(t, src)
			got := parseBody(t, src)
			wantContent, wantDiags := want.Content(schema)
			gotContent, gotDiags := bodyContent(got, schema)
			if diff := cmp.Diff(summary(wantContent, wantDiags), summary(gotContent, gotDiags)); diff != "" {
				t.Errorf("bodyContent (-hcl +lineup):\n%s", diff)
			}
		})
	}
}

func parseBody(t *testing.T, src string) hcl.Body {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(src), "a.lineup.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return f.Body
}

// summary describes a decoded body by names, labels, ranges and
// diagnostic messages.
func summary(c *hcl.BodyContent, diags hcl.Diagnostics) []string {
	var out []string
	for name, a := range c.Attributes {
		out = append(out, fmt.Sprintf("attribute %s %s %s", name, a.Range, a.Expr.Range()))
	}
	sort.Strings(out)
	for _, b := range c.Blocks {
		out = append(out, fmt.Sprintf("block %s %q %s", b.Type, b.Labels, b.DefRange))
	}
	out = append(out, fmt.Sprintf("missing item %s", c.MissingItemRange))
	for _, d := range diags {
		out = append(out, d.Error())
	}
	return out
}
