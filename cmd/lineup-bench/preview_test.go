package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lineupdev/lineup/planner/preview/browser"
)

// BenchmarkPreview measures lineup preview -offline (plan, then the HTML
// page) on 10,000 pushes, as a ratio to lineup plan on the same
// configuration (goal: at most 1.5):
//
//	go test ./cmd/lineup-bench -run '^$' -bench Preview -benchtime 5x
func BenchmarkPreview(b *testing.B) {
	bin, err := lineupBinary()
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "pushes")
	if err := genConfig(dir, 10000); err != nil {
		b.Fatal(err)
	}
	phases := []*phase{
		{dir: dir, name: bin, args: []string{"plan"}},
		{dir: dir, name: bin, args: []string{"preview", "-offline", "-out=" + filepath.Join(dir, "out")}},
	}
	runRounds(b, phases)
	s := samples(phases)
	b.ReportMetric(s[0].wall.Seconds(), "plan-s")
	reportRatios(b, "preview", s[1], s[0])
}

// BenchmarkPreviewPNG measures lineup preview -png on 200 pushes of a
// flex receipt (examples/rich's), one browser for the run, in pictures
// per second (the whole command: plan, page, browser start, pictures):
//
//	go test ./cmd/lineup-bench -run '^$' -bench PreviewPNG -benchtime 3x
func BenchmarkPreviewPNG(b *testing.B) {
	if _, err := browser.Find(os.Getenv("LINEUP_BROWSER")); err != nil {
		b.Skip("no Chromium: apt-get install chromium")
	}
	bin, err := lineupBinary()
	if err != nil {
		b.Fatal(err)
	}
	const n = 200
	dir := filepath.Join(b.TempDir(), "flex")
	if err := genFlexConfig(dir, n); err != nil {
		b.Fatal(err)
	}
	phases := []*phase{{dir: dir, name: bin, args: []string{"preview", "-offline", "-png", "-out=" + filepath.Join(dir, "out")}}}
	runRounds(b, phases)
	s := samples(phases)
	b.ReportMetric(float64(n)/s[0].wall.Seconds(), "png/s")
}

// genFlexConfig writes n pushes of examples/rich's flex receipt.
func genFlexConfig(dir string, n int) error {
	receipt, err := os.ReadFile(filepath.Join("..", "..", "examples", "rich", "flex", "receipt.json"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "receipt.json"), receipt, 0o644); err != nil {
		return err
	}
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "push \"f%03d\" {\n  to = \"U%032x\"\n  flex {\n    alt_text = \"Receipt %d\"\n    contents = file(\"receipt.json\")\n  }\n}\n\n", i, i, i)
	}
	return os.WriteFile(filepath.Join(dir, "sends.lineup.hcl"), []byte(b.String()), 0o644)
}
