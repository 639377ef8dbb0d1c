package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParallelEvaluationMatchesSerial loads a configuration whose bundles
// and pushes are evaluated in parallel, with quotes between pushes and
// mistakes in some of them, and expects exactly what evaluating one node
// at a time gives: the same sends, ranges and diagnostics, in order.
func TestParallelEvaluationMatchesSerial(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "bundle \"b%03d\" {\n  text {\n    text = \"Order %03d has shipped.\"\n  }\n  sticker {\n    package_id = \"446\"\n    sticker_id = \"1988\"\n  }\n}\n\n", i, i)
		to := fmt.Sprintf("U%032x", i)
		switch {
		case i%50 == 7:
			fmt.Fprintf(&b, "push \"p%03d\" {\n  to       = %q\n  messages = \"not a bundle\"\n}\n\n", i, to)
		case i%10 == 3:
			// quotes the push before it, in the same chat or (every
			// 30th) in another: a second wave, and an error.
			quoted := fmt.Sprintf("U%032x", i-1)
			if i%30 == 3 {
				quoted = to
			}
			fmt.Fprintf(&b, "push \"p%03d\" {\n  to = %q\n  text {\n    text        = \"Re: your order\"\n    quote_token = push.p%03d.sent[0].quote_token\n  }\n}\n\n", i, quoted, i-1)
		default:
			fmt.Fprintf(&b, "push \"p%03d\" {\n  to       = %q\n  messages = bundle.b%03d\n}\n\n", i, to, i)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "sends.lineup.hcl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	load := func(min int) (*Config, []string) {
		cfg, diags := Load(dir, Options{ParallelMin: min})
		var msgs []string
		for _, d := range diags {
			msgs = append(msgs, d.Error())
		}
		return cfg, msgs
	}
	serialCfg, serialDiags := load(1 << 30)
	parallelCfg, parallelDiags := load(2)
	if len(serialDiags) < 10 {
		t.Fatalf("expected the mistakes to be reported, got %d diagnostics:\n%s", len(serialDiags), strings.Join(serialDiags, "\n"))
	}
	if diff := cmp.Diff(serialDiags, parallelDiags); diff != "" {
		t.Errorf("diagnostics (-serial +parallel):\n%s", diff)
	}
	if len(parallelCfg.Sends) != 300 {
		t.Fatalf("got %d sends, want 300", len(parallelCfg.Sends))
	}
	if diff := cmp.Diff(serialCfg.Sends, parallelCfg.Sends); diff != "" {
		t.Errorf("sends (-serial +parallel):\n%s", diff)
	}
}
