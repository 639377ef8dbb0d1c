package lang

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad loads arbitrary text as a one-file configuration: Load must
// never panic, whatever the input. Seeded from testdata, examples and the
// message-rule fixtures of the planner.
func FuzzLoad(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"testdata/*/*.lineup.hcl", "testdata/*/*/*.lineup.hcl", "../examples/*/*.lineup.hcl",
		"../planner/testdata/invalid/*/*.lineup.hcl", "../planner/testdata/messages/*.lineup.hcl"} {
		m, _ := filepath.Glob(pattern)
		seeds = append(seeds, m...)
	}
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	// One directory for every input of this process: a new directory per
	// input made the file system, not Load, most of the work.
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(filepath.Join(dir, "fuzz.lineup.hcl"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, _ := Load(dir, Options{Vars: []string{}, Env: []string{"LINEUP_VAR_customer=U1"}})
		if cfg != nil {
			_, _ = cfg.Evaluate(map[string]Result{"push.welcome": {RequestID: "r", Sent: []SentMessage{{ID: "1", QuoteToken: "q"}}}})
		}
	})
}
