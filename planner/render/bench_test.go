package render

import (
	"fmt"
	"io"
	"testing"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
)

// BenchmarkHuman renders the plan of 10,000 pushes, each a text with a quick
// reply and a sticker, in the configuration's names.
func BenchmarkHuman(b *testing.B) {
	var sends []*lang.Send
	for i := range 10000 {
		sends = append(sends, push(fmt.Sprintf("p%d", i), map[string]any{"to": user, "notificationDisabled": true,
			"messages": []any{
				map[string]any{"type": "text", "text": "hello", "quickReply": map[string]any{"items": []any{
					map[string]any{"type": "action", "action": map[string]any{"type": "message", "label": "A", "text": "a"}}}}},
				map[string]any{"type": "sticker", "packageId": "446", "stickerId": "1988"},
			}}))
	}
	p, diags := planner.Make(&lang.Config{Sends: sends}, nil, planner.Options{})
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	b.ResetTimer()
	for range b.N {
		if err := Human(io.Discard, p, HumanOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
