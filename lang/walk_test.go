package lang

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

// flexBody is a push body with a flex message, a quote token known only
// after apply and several other unknown values.
func flexBody() map[string]any {
	return map[string]any{
		"to": Unknown{Ref: "push.z.to"},
		"messages": []any{
			map[string]any{
				"type":     "flex",
				"altText":  "Hi",
				"contents": map[string]any{"type": "bubble", "body": map[string]any{"contents": []any{"a", "b", map[string]any{"url": Unknown{Ref: "push.b.request_id"}}}}},
			},
			map[string]any{"type": "text", "text": "x", "quoteToken": &Unknown{Ref: "push.a.sent[0].quote_token"}},
		},
		"customAggregationUnits": []any{Unknown{Ref: "local.unit"}},
	}
}

func TestWalkOrderAndPaths(t *testing.T) {
	var got []string
	Walk("", flexBody(), func(p *Path, v any) bool {
		got = append(got, p.String())
		return true
	})
	want := []string{
		"",
		"customAggregationUnits",
		"customAggregationUnits[0]",
		"messages",
		"messages[0]",
		"messages[0].altText",
		"messages[0].contents",
		"messages[0].contents.body",
		"messages[0].contents.body.contents",
		"messages[0].contents.body.contents[0]",
		"messages[0].contents.body.contents[1]",
		"messages[0].contents.body.contents[2]",
		"messages[0].contents.body.contents[2].url",
		"messages[0].contents.type",
		"messages[0].type",
		"messages[1]",
		"messages[1].quoteToken",
		"messages[1].text",
		"messages[1].type",
		"to",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk visited (-want +got):\n%s", diff)
	}
}

func TestWalkStops(t *testing.T) {
	n := 0
	done := Walk("", flexBody(), func(p *Path, v any) bool {
		n++
		return !p.Is("messages[0].altText")
	})
	if done || n != 6 {
		t.Errorf("Walk stopped after %d values (done %v), want 6 and false", n, done)
	}
}

// TestFirstUnknownIsStable: the unknown value an error names is the same
// on every run, although Go ranges over maps in a random order.
func TestFirstUnknownIsStable(t *testing.T) {
	for range 50 {
		path, u, ok := FirstUnknown("", flexBody())
		if !ok || path != "customAggregationUnits[0]" || u.Ref != "local.unit" {
			t.Fatalf("FirstUnknown = %q, %q, %v; want customAggregationUnits[0], local.unit, true", path, u.Ref, ok)
		}
	}
	body := flexBody()
	delete(body, "customAggregationUnits")
	path, u, _ := FirstUnknown("", body)
	if path != "messages[0].contents.body.contents[2].url" || u.Ref != "push.b.request_id" {
		t.Errorf("FirstUnknown = %q, %q; want the flex URL", path, u.Ref)
	}
	msgs := body["messages"].([]any)[1:]
	if path, u, _ := FirstUnknown("messages", msgs); path != "messages[0].quoteToken" || u.Ref != "push.a.sent[0].quote_token" {
		t.Errorf("FirstUnknown of a *Unknown under a base path = %q, %q", path, u.Ref)
	}
	if HasUnknown(map[string]any{"to": "U1", "messages": []any{map[string]any{"text": "x"}}}) {
		t.Errorf("HasUnknown of a known body is true")
	}
	if HasUnknown(map[string]any{"quoteToken": (*Unknown)(nil)}) {
		t.Errorf("HasUnknown of a nil *Unknown is true")
	}
}

func TestRewriteCopies(t *testing.T) {
	body := flexBody()
	out := Rewrite("", body, func(p *Path, v any) (any, bool) {
		if p.Is("messages[0].contents") {
			return "cut", true
		}
		if _, ok := UnknownOf(v); ok {
			return p.String(), true
		}
		return nil, false
	}).(map[string]any)
	want := map[string]any{
		"to": "to",
		"messages": []any{
			map[string]any{"type": "flex", "altText": "Hi", "contents": "cut"},
			map[string]any{"type": "text", "text": "x", "quoteToken": "messages[1].quoteToken"},
		},
		"customAggregationUnits": []any{"customAggregationUnits[0]"},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("Rewrite (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(flexBody(), body); diff != "" {
		t.Errorf("Rewrite changed its input (-want +got):\n%s", diff)
	}
}

func TestRangeAt(t *testing.T) {
	rng := func(line int) hcl.Range { return hcl.Range{Filename: "a.lineup.hcl", Start: hcl.Pos{Line: line}} }
	ranges := map[string]hcl.Range{"messages[0]": rng(2), "messages[0].contents.body.contents[2].url": rng(3)}
	for path, want := range map[string]int{
		"messages[0].contents.body.contents[2].url": 3,
		"messages[0].contents.body.contents[1]":     2,
		"messages[1].text":                          1,
		"":                                          1,
	} {
		if got := RangeAt(ranges, path, rng(1)); got.Start.Line != want {
			t.Errorf("RangeAt(%q) is on line %d, want %d", path, got.Start.Line, want)
		}
	}
	if got := JoinIndex(JoinKey(JoinKey("", "messages"), "x"), 2); got != "messages.x[2]" {
		t.Errorf("JoinIndex(JoinKey(...)) = %q", got)
	}
}

// BenchmarkHasUnknown is the walk every send's check makes.
func BenchmarkHasUnknown(b *testing.B) {
	body := map[string]any{"to": "U0123456789abcdef0123456789abcdef", "messages": []any{
		map[string]any{"type": "text", "text": "Hello, this is a message of about eighty characters for the benchmark"},
		map[string]any{"type": "sticker", "packageId": "446", "stickerId": "1988"},
	}}
	b.ReportAllocs()
	for b.Loop() {
		if HasUnknown(body) {
			b.Fatal("unknown found")
		}
	}
}
