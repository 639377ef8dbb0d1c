package main

import (
	"path/filepath"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

var (
	topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "bundle", LabelNames: []string{"name"}},
		{Type: "push", LabelNames: []string{"name"}},
	}}
	bundleSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "text"}, {Type: "sticker"}}}
	pushSchema   = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "to"}, {Name: "messages"}}}
	textSchema   = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "text"}}}
	stickerSchma = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "package_id"}, {Name: "sticker_id"}}}
)

// floor parses every *.lineup.hcl file of dir and decodes its blocks with
// schemas, evaluating the literal attributes: the least any tool reading
// these files with hcl/v2 must do. It returns how many files and
// attribute values it read.
func floor(dir string) (files, values int, err error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.lineup.hcl"))
	if err != nil {
		return 0, 0, err
	}
	sort.Strings(names)
	p := hclparse.NewParser()
	var diags hcl.Diagnostics
	for _, name := range names {
		f, d := p.ParseHCLFile(name)
		diags = append(diags, d...)
		if f == nil {
			continue
		}
		content, d := f.Body.Content(topSchema)
		diags = append(diags, d...)
		for _, b := range content.Blocks {
			values += decodeBlock(b, &diags)
		}
	}
	if diags.HasErrors() {
		return 0, 0, diags
	}
	return len(names), values, nil
}

func decodeBlock(b *hcl.Block, diags *hcl.Diagnostics) int {
	values := 0
	attrs := func(body hcl.Body, schema *hcl.BodySchema) {
		c, d := body.Content(schema)
		*diags = append(*diags, d...)
		for _, a := range c.Attributes {
			if len(a.Expr.Variables()) == 0 {
				_, d := a.Expr.Value(nil)
				*diags = append(*diags, d...)
			}
			values++
		}
	}
	switch b.Type {
	case "push":
		attrs(b.Body, pushSchema)
	case "bundle":
		c, d := b.Body.Content(bundleSchema)
		*diags = append(*diags, d...)
		for _, m := range c.Blocks {
			if m.Type == "text" {
				attrs(m.Body, textSchema)
			} else {
				attrs(m.Body, stickerSchma)
			}
		}
	}
	return values
}
