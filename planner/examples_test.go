package planner

import (
	"path/filepath"
	"testing"

	"github.com/lineupdev/lineup/lang"
)

// TestPlanExamples loads and plans every example with an empty state: no
// diagnostics at all.
func TestPlanExamples(t *testing.T) {
	dirs, _ := filepath.Glob("../examples/*")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			cfg, diags := lang.Load(dir, lang.Options{})
			if diags.HasErrors() {
				t.Fatalf("loading:\n%s", diags.Error())
			}
			if _, diags := Make(cfg, nil, Options{Now: fixedNow, NewKey: keys()}); len(diags) > 0 {
				t.Errorf("planning:\n%s", diags.Error())
			}
		})
	}
}
