package planner

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lineupdev/lineup/lang"
)

// Every example of docs/language.md's "Syntax of every block" section is
// a configuration validate accepts: it loads without variable values and
// plans against an empty state without errors or warnings. Together they
// show every block the language has.
func TestDocsExamplesValidate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "language.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, "## Syntax of every block")
	if start < 0 {
		t.Fatal(`docs/language.md has no "## Syntax of every block" section`)
	}
	section := doc[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:3+end]
	}
	examples := regexp.MustCompile("(?s)```hcl\n(.*?)```").FindAllStringSubmatch(section, -1)
	if len(examples) < 5 {
		t.Fatalf("only %d examples", len(examples))
	}
	var all strings.Builder
	for _, ex := range examples {
		all.WriteString(ex[1])
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(ex[1]), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, diags := lang.Load(dir, lang.Options{UnsetVariablesUnknown: true})
		if len(diags) == 0 {
			_, diags = Make(cfg, nil, Options{Now: func() time.Time { return now }, NewKey: keys()})
		}
		if len(diags) > 0 {
			t.Errorf("example:\n%s\n%s", ex[1], diags.Error())
		}
	}
	for _, name := range lang.BlockTypes() {
		if !regexp.MustCompile(`(?m)^\s*` + name + `( "[^"]*")? \{`).MatchString(all.String()) {
			t.Errorf("docs/language.md shows no %s block", name)
		}
	}
}
