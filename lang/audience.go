package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// audienceBlock is an audience block. Exactly one of UserIDs, Click and
// Impression is set when the block is valid.
type audienceBlock struct {
	Name        string
	Description *hcl.Attribute
	UserIDs     *hcl.Attribute
	Click       *retargetBlock
	Impression  *retargetBlock
	DeclRange   hcl.Range
}

// retargetBlock is the click or impression block of an audience.
type retargetBlock struct {
	Type      string // "click" or "impression"
	RequestID *hcl.Attribute
	URL       *hcl.Attribute // click only
	DeclRange hcl.Range
}

var audienceSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "description", Required: true},
		{Name: "user_ids"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "click"}, {Type: "impression"}},
}

var retargetSchemas = map[string]*hcl.BodySchema{
	"click": {Attributes: []hcl.AttributeSchema{
		{Name: "request_id", Required: true},
		{Name: "url"},
	}},
	"impression": {Attributes: []hcl.AttributeSchema{
		{Name: "request_id", Required: true},
	}},
}

func audienceRange(a *audienceBlock) hcl.Range { return a.DeclRange }

// decodeAudienceBlock decodes an audience block: description and exactly
// one of user_ids, click and impression.
func decodeAudienceBlock(block *hcl.Block) (*audienceBlock, hcl.Diagnostics) {
	diags := checkName(block, "audience")
	if diags.HasErrors() {
		return nil, diags
	}
	content, d := bodyContent(block.Body, audienceSchema)
	diags = append(diags, d...)
	a := &audienceBlock{
		Name:        block.Labels[0],
		Description: content.Attributes["description"],
		UserIDs:     content.Attributes["user_ids"],
		DeclRange:   block.DefRange,
	}
	var sources []hcl.Range
	if a.UserIDs != nil {
		sources = append(sources, a.UserIDs.NameRange)
	}
	for _, b := range content.Blocks {
		rb := &retargetBlock{Type: b.Type, DeclRange: b.DefRange}
		bc, d := bodyContent(b.Body, retargetSchemas[b.Type])
		diags = append(diags, d...)
		rb.RequestID, rb.URL = bc.Attributes["request_id"], bc.Attributes["url"]
		sources = append(sources, b.DefRange)
		switch {
		case b.Type == "click" && a.Click == nil:
			a.Click = rb
		case b.Type == "impression" && a.Impression == nil:
			a.Impression = rb
		}
	}
	switch {
	case len(sources) == 0:
		diags = append(diags, memberSources(a.DeclRange, "it has none"))
	case len(sources) > 1:
		diags = append(diags, memberSources(sources[1], "it has more than one"))
	}
	return a, diags
}

func memberSources(rng hcl.Range, why string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Exactly one of user_ids, click and impression",
		Detail: fmt.Sprintf("An audience takes its members from exactly one of user_ids = [...] (an upload audience), "+
			"click { request_id = ... } or impression { request_id = ... }; %s.", why),
		Subject: rng.Ptr(),
	}
}

// expressions returns every expression of the audience, for the graph.
func (a *audienceBlock) expressions() []hcl.Expression {
	attrs := []*hcl.Attribute{a.Description, a.UserIDs}
	for _, rb := range []*retargetBlock{a.Click, a.Impression} {
		if rb != nil {
			attrs = append(attrs, rb.RequestID, rb.URL)
		}
	}
	var out []hcl.Expression
	for _, attr := range attrs {
		if attr != nil {
			out = append(out, attr.Expr)
		}
	}
	return out
}
