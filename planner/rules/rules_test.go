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
		{name: "quote on image", body: map[string]any{"to": user, "messages": []any{map[string]any{"type": "image", "quoteToken": "q"}}}, want: []string{"messages[0].quoteToken"}},
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
