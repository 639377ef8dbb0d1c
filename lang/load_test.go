package lang

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const customer = "U4af4980629a1b2c3d4e5f60718293a4b"

func TestLoadValid(t *testing.T) {
	cfg, diags := Load("testdata/valid", Options{})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	wantSettings := Settings{StateFile: "state/lineup.json", TokenEnv: "CAFE_TOKEN", SecretEnv: "LINE_CHANNEL_SECRET"}
	cfg.Settings.DeclRange = wantSettings.DeclRange
	if diff := cmp.Diff(wantSettings, cfg.Settings); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}

	type sendSummary struct {
		Address   string
		DependsOn []string
		Body      map[string]any
	}
	welcome := sendSummary{
		Address: "push.welcome",
		Body: map[string]any{
			"to": customer,
			"messages": []any{
				map[string]any{
					"type": "text",
					"text": "🍎 Welcome to Lineup Cafe! $ and $",
					"emojis": []any{
						map[string]any{"index": 27.0, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"},
						map[string]any{"index": 33.0, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "002"},
					},
				},
				map[string]any{"type": "sticker", "packageId": "446", "stickerId": "1988"},
			},
			"notificationDisabled":   true,
			"customAggregationUnits": []any{"welcome"},
		},
	}
	answer := func(quote any) sendSummary {
		return sendSummary{
			Address:   "push.answer",
			DependsOn: []string{"push.welcome"},
			Body: map[string]any{
				"to": customer,
				"messages": []any{
					map[string]any{"type": "text", "text": "YES, WE ARE OPEN", "quoteToken": quote},
				},
			},
		}
	}
	later := func(quote any) sendSummary {
		return sendSummary{
			Address:   "push.later",
			DependsOn: []string{"push.welcome"},
			Body: map[string]any{
				"to": customer,
				"messages": []any{
					map[string]any{"type": "text", "text": "Did you like it?", "quoteToken": quote},
					map[string]any{
						"type":               "image",
						"originalContentUrl": "https://example.com/cafe.jpg",
						"previewImageUrl":    "https://example.com/cafe_small.jpg",
					},
				},
			},
		}
	}
	summarize := func(c *Config) []sendSummary {
		var out []sendSummary
		for _, s := range c.Sends {
			out = append(out, sendSummary{Address: s.Address(), DependsOn: s.DependsOn, Body: s.Body})
		}
		return out
	}

	want := []sendSummary{
		welcome,
		answer(Unknown{Ref: "push.welcome.sent[1].quote_token"}),
		later(Unknown{Ref: "push.welcome.sent[0].quote_token"}),
	}
	if diff := cmp.Diff(want, summarize(cfg)); diff != "" {
		t.Errorf("sends before apply (-want +got):\n%s", diff)
	}

	after, diags := cfg.Evaluate(map[string]Result{
		"push.welcome": {RequestID: "req-1", Sent: []SentMessage{{ID: "m1", QuoteToken: "q1"}, {ID: "m2", QuoteToken: "q2"}}},
	})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	want = []sendSummary{welcome, answer("q2"), later("q1")}
	if diff := cmp.Diff(want, summarize(after)); diff != "" {
		t.Errorf("sends after apply (-want +got):\n%s", diff)
	}
	if _, ok := cfg.Sends[1].Body["messages"].([]any)[0].(map[string]any)["quoteToken"].(Unknown); !ok {
		t.Errorf("Evaluate changed the Config it was called on")
	}
}

// TestLoadValidRanges checks that JSON paths point into the files,
// through bundles and concat.
func TestLoadValidRanges(t *testing.T) {
	cfg, diags := Load("testdata/valid", Options{})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	bundles := filepath.Join("testdata/valid", "bundles.lineup.hcl")
	pushes := filepath.Join("testdata/valid", "pushes.lineup.hcl")
	type place struct {
		File string
		Line int
	}
	want := map[string]map[string]place{
		"push.welcome": {
			"to":                              {pushes, 2},
			"messages[0]":                     {bundles, 2},
			"messages[0].text":                {bundles, 3},
			"messages[0].emojis[1].emojiId":   {bundles, 10},
			"messages[0].emojis[1].index":     {bundles, 8},
			"messages[1].stickerId":           {bundles, 15},
			"notificationDisabled":            {pushes, 4},
			"customAggregationUnits[0]":       {pushes, 5},
			"messages[0].emojis[0].productId": {bundles, 5},
		},
		"push.answer": {
			"messages[0]":            {pushes, 10},
			"messages[0].quoteToken": {pushes, 12},
		},
		"push.later": {
			"messages":                       {pushes, 18},
			"messages[0].quoteToken":         {bundles, 22},
			"messages[1]":                    {bundles, 27},
			"messages[1].originalContentUrl": {bundles, 28},
		},
	}
	got := map[string]map[string]place{}
	for _, s := range cfg.Sends {
		got[s.Address()] = map[string]place{}
		for path := range want[s.Address()] {
			r := s.RangeOf(path)
			got[s.Address()][path] = place{r.Filename, r.Start.Line}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ranges (-want +got):\n%s", diff)
	}
}

func TestLoadExamples(t *testing.T) {
	dirs, _ := filepath.Glob("../examples/*")
	for _, dir := range dirs {
		if _, diags := Load(dir, Options{}); len(diags) > 0 {
			t.Errorf("%s:\n%s", dir, diags.Error())
		}
	}
}
