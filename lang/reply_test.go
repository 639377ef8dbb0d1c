package lang

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReplies(t *testing.T) {
	cfg, diags := Load("testdata/replies", Options{})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	type summary struct {
		Name                 string
		Match                string
		Messages             []any
		Quote                bool
		NotificationDisabled bool
	}
	var got []summary
	for _, r := range cfg.Replies() {
		got = append(got, summary{r.Name, r.Match.String(), r.Messages, r.Quote, r.NotificationDisabled})
	}
	// Files in name order, then the order in the file.
	want := []summary{
		{Name: "reservation", Match: "(?i)reserve|table", Quote: true, Messages: []any{
			map[string]any{"type": "text", "text": "Yes! For how many people, and at what time?"},
		}},
		{Name: "hours", Match: "(?i)open|hours", NotificationDisabled: true, Messages: []any{
			map[string]any{"type": "image", "originalContentUrl": "https://example.com/hours.jpg",
				"previewImageUrl": "https://example.com/hours-small.jpg"},
			map[string]any{"type": "text", "text": "We open at nine."},
		}},
		{Name: "anything", Match: ".", Messages: []any{
			map[string]any{"type": "sticker", "packageId": "446", "stickerId": "1988"},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("replies (-want +got):\n%s", diff)
	}
	if len(cfg.Sends) != 0 {
		t.Errorf("a reply rule is not a send: got %d sends", len(cfg.Sends))
	}

	// Ranges point into the bundle for messages taken from one.
	r := cfg.Replies()[0]
	rng := r.Ranges["messages[0].text"]
	if filepath.Base(rng.Filename) != "a.lineup.hcl" || rng.Start.Line != 3 {
		t.Errorf("messages[0].text range: %s", rng)
	}
}

// Evaluate keeps the reply rules.
func TestRepliesAfterEvaluate(t *testing.T) {
	cfg, diags := Load("testdata/replies", Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	again, diags := cfg.Evaluate(map[string]Result{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if len(again.Replies()) != 3 {
		t.Errorf("got %d replies after Evaluate", len(again.Replies()))
	}
}
