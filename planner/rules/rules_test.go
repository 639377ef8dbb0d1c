package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPush(t *testing.T) {
	user := "U" + strings.Repeat("a", 32)
	text := func(s string) map[string]any { return map[string]any{"type": "text", "text": s} }
	cases := []struct {
		name string
		body map[string]any
		want []string // paths
	}{
		{name: "valid", body: map[string]any{"to": user, "messages": []any{text("hi")}}},
		{name: "bad to", body: map[string]any{"to": "Uabc", "messages": []any{text("hi")}}, want: []string{"to"}},
		{name: "no messages", body: map[string]any{"to": user, "messages": []any{}}, want: []string{"messages"}},
		{name: "six messages", body: map[string]any{"to": user, "messages": []any{text("1"), text("2"), text("3"), text("4"), text("5"), text("6")}}, want: []string{"messages"}},
		{name: "empty text", body: map[string]any{"to": user, "messages": []any{text("")}}, want: []string{"messages[0].text"}},
		// 2,501 apples are 5,002 UTF-16 units though only 2,501 runes.
		{name: "long in utf16", body: map[string]any{"to": user, "messages": []any{text(strings.Repeat("🍎", 2501))}}, want: []string{"messages[0].text"}},
		{name: "quote on image", body: map[string]any{"to": user, "messages": []any{map[string]any{"type": "image", "originalContentUrl": "https://e.com/a.png", "previewImageUrl": "https://e.com/a.png", "quoteToken": "q"}}}, want: []string{"messages[0].quoteToken"}},
		{name: "sticker ids", body: map[string]any{"to": user, "messages": []any{text("ok"), map[string]any{"type": "sticker"}}}, want: []string{"messages[1].packageId", "messages[1].stickerId"}},
		{name: "unknown type", body: map[string]any{"to": user, "messages": []any{map[string]any{"type": "fax"}}}, want: []string{"messages[0].type"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, p := range Push(c.body) {
				got = append(got, p.Path)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("problem paths (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGraphemeLen(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "👍🏽": 1, "👨‍👩‍👧‍👦x": 2, "": 0, "é": 1} {
		if got := GraphemeLen(s); got != want {
			t.Errorf("GraphemeLen(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	cases := []struct {
		text string
		keys []string
		bad  bool
	}{
		{text: "Hi {a}, {b} and {a}", keys: []string{"a", "b"}},
		{text: "{{literal}} {x}", keys: []string{"x"}},
		{text: "open { brace", bad: true},
		{text: "close } brace", bad: true},
		{text: "nested {a{b}}", bad: true},
	}
	for _, c := range cases {
		keys, err := placeholders(c.text)
		if (err != "") != c.bad {
			t.Errorf("%q: error %q, want bad=%v", c.text, err, c.bad)
		}
		if !c.bad {
			if diff := cmp.Diff(c.keys, keys); diff != "" {
				t.Errorf("%q keys (-want +got):\n%s", c.text, diff)
			}
		}
	}
}

func TestMentionsByKindOfSend(t *testing.T) {
	msg := []any{map[string]any{"type": "textV2", "text": "{u}", "substitution": map[string]any{
		"u": map[string]any{"type": "mention", "mentionee": map[string]any{"type": "all"}}}}}
	group := "C" + strings.Repeat("a", 32)
	user := "U" + strings.Repeat("a", 32)
	if ps := Push(map[string]any{"to": group, "messages": msg}); len(ps) != 0 {
		t.Errorf("push to a group: %v", ps)
	}
	if ps := Push(map[string]any{"to": user, "messages": msg}); len(ps) != 1 || ps[0].Path != "messages[0].substitution.u" {
		t.Errorf("push to a user: %v", ps)
	}
	if ps := Broadcast(map[string]any{"messages": msg}); len(ps) != 1 || ps[0].Summary != "Mention not allowed" {
		t.Errorf("broadcast: %v", ps)
	}
}
