package planner

import (
	"testing"

	"github.com/lineupdev/lineup/lang"
)

// benchSends are n pushes like those of cmd/lineup-bench: a text of about
// 80 characters and a sticker each; every tenth quotes another push, so
// its body holds a value known only after apply.
func benchSends(n int) []*lang.Send {
	out := make([]*lang.Send, n)
	for i := range out {
		s := push("p", user, "Hello from the benchmark: a text of about eighty characters, give or take.")
		msgs := s.Body["messages"].([]any)
		s.Body["messages"] = append(msgs, map[string]any{"type": "sticker", "packageId": "446", "stickerId": "1988"})
		if i%10 == 0 {
			msgs[0].(map[string]any)["quoteToken"] = lang.Unknown{Ref: "push.q.sent[0].quote_token"}
		}
		out[i] = s
	}
	return out
}

// BenchmarkCheck is what planning does to every send's body before
// deciding its change: look for unknown values, digest, check LINE's
// rules (with placeholders where values are unknown).
//
//	go test ./planner -run '^$' -bench Check
func BenchmarkCheck(b *testing.B) {
	sends := benchSends(1000)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sends {
			check(s, nil, false)
		}
	}
}
