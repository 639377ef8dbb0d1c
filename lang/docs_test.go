package lang

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docsSyntax is the section of docs/language.md that shows every block.
func docsSyntax(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "docs", "language.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, "## Syntax of every block")
	if start < 0 {
		t.Fatal(`docs/language.md has no "## Syntax of every block" section`)
	}
	end := strings.Index(doc[start+3:], "\n## ")
	if end < 0 {
		return doc[start:]
	}
	return doc[start : start+3+end]
}

var hclFence = regexp.MustCompile("(?s)```hcl\n(.*?)```")

// The syntax section shows every block the language has.
func TestDocsShowEveryBlock(t *testing.T) {
	syntax := strings.Join(func() []string {
		var out []string
		for _, ex := range hclFence.FindAllStringSubmatch(docsSyntax(t), -1) {
			out = append(out, ex[1])
		}
		return out
	}(), "\n")
	names := map[string]bool{"channel": true, "validation": true, "click": true, "impression": true, "limit": true}
	for _, b := range fileSchema.Blocks {
		names[b.Type] = true
	}
	var walk func(s *blockSpec)
	walk = func(s *blockSpec) {
		for _, c := range s.blocks {
			if !names[c.block] {
				names[c.block] = true
				walk(c.spec)
			}
		}
	}
	for _, ms := range messageSpecs {
		names[ms.block] = true
		walk(ms.blockSpec)
	}
	for name := range names {
		if !regexp.MustCompile(`(?m)^\s*` + name + `( "[^"]*")? \{`).MatchString(syntax) {
			t.Errorf("docs/language.md shows no %s block", name)
		}
	}
}
