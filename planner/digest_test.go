package planner

import (
	"testing"

	"github.com/lineupdev/lineup/lang"
)

func TestDigest(t *testing.T) {
	a := map[string]any{"to": user, "messages": []any{map[string]any{"type": "text", "text": "<b> & 1"}}, "n": 1e6}
	b := map[string]any{"n": float64(1000000), "messages": []any{map[string]any{"text": "<b> & 1", "type": "text"}}, "to": user}
	if Digest(a) != Digest(b) {
		t.Errorf("Digest depends on key order")
	}
	// The digests in existing state files depend on this encoding: the
	// SHA-256 of
	// {"messages":[{"text":"<b> & 1","type":"text"}],"n":1000000,"to":"U4af4980629a1b2c3d4e5f60718293a4b"}
	const want = "d69c131e42484ba39a1f7f6e4f5ef9cee602033e4f2d59979536a7345e1ed8e7"
	if got := Digest(a); got != want {
		t.Errorf("Digest = %q, want %q", got, want)
	}
	c := map[string]any{"to": user, "messages": []any{map[string]any{"type": "text", "text": "<b> & 2"}}, "n": 1e6}
	if Digest(a) == Digest(c) {
		t.Errorf("Digest does not depend on the text")
	}
}

func TestDigestPanicsOnUnknown(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("Digest of a body holding Unknown did not panic")
		}
	}()
	Digest(map[string]any{"to": lang.Unknown{Ref: "push.a.request_id"}})
}
