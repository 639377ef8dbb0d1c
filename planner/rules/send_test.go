package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/lang"
)

// users returns n well-formed user IDs, U + 32 hex digits of i.
func users(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = fmt.Sprintf("U%032x", i)
	}
	return out
}

func textMessages(text string) []any {
	return []any{map[string]any{"type": "text", "text": text}}
}

func TestSplitMulticast(t *testing.T) {
	to := users(1201)
	messages := textMessages("Spring menu")
	body := map[string]any{"to": to, "messages": messages, "notificationDisabled": true}
	parts := SplitMulticast(body)
	if len(parts) != 3 {
		t.Fatalf("%d requests, want 3", len(parts))
	}
	for i, want := range []struct {
		n          int
		first, end string
	}{
		{500, "U00000000000000000000000000000000", "U000000000000000000000000000001f3"},
		{500, "U000000000000000000000000000001f4", "U000000000000000000000000000003e7"},
		{201, "U000000000000000000000000000003e8", "U000000000000000000000000000004b0"},
	} {
		got := parts[i]["to"].([]any)
		if len(got) != want.n || got[0] != want.first || got[len(got)-1] != want.end {
			t.Errorf("request %d: %d users from %v to %v, want %d from %s to %s",
				i, len(got), got[0], got[len(got)-1], want.n, want.first, want.end)
		}
		if diff := cmp.Diff(messages, parts[i]["messages"]); diff != "" {
			t.Errorf("request %d: messages (-want +got):\n%s", i, diff)
		}
		if parts[i]["notificationDisabled"] != true {
			t.Errorf("request %d lost notificationDisabled", i)
		}
	}
	if len(body["to"].([]any)) != 1201 {
		t.Errorf("the body was changed: %d users", len(body["to"].([]any)))
	}

	for _, n := range []int{1, 499, 500} {
		one := map[string]any{"to": users(n), "messages": messages}
		if parts := SplitMulticast(one); len(parts) != 1 || len(parts[0]["to"].([]any)) != n {
			t.Errorf("%d users: %d requests, want 1 of %d", n, len(parts), n)
		}
	}
	if parts := SplitMulticast(map[string]any{"to": "U0", "messages": messages}); len(parts) != 1 {
		t.Errorf("a to that is no list: %d requests, want 1", len(parts))
	}
}

func TestMulticastRequests(t *testing.T) {
	for n, want := range map[int]int{0: 1, 1: 1, 500: 1, 501: 2, 1000: 2, 1001: 3, 5000: 10} {
		if got := MulticastRequests(n); got != want {
			t.Errorf("MulticastRequests(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	to := users(600)
	badAt550 := append([]any{}, to...)
	badAt550[550] = "C0123456789abcdef0123456789abcdef"
	httpImage := []any{map[string]any{"type": "image",
		"originalContentUrl": "http://example.com/a.png", "previewImageUrl": "https://example.com/a.png"}}
	cases := []struct {
		name string
		kind lang.Kind
		body map[string]any
		want []string // path: message
	}{
		{name: "multicast of 600 is split", kind: lang.KindMulticast,
			body: map[string]any{"to": to, "messages": textMessages("hi")}},
		{name: "multicast of 600, a group in the second request", kind: lang.KindMulticast,
			body: map[string]any{"to": badAt550, "messages": textMessages("hi")},
			want: []string{"to[550]: Must be a user ID (U + 32 hex digits); multicast cannot send to groups or rooms"}},
		{name: "multicast of 600, a message problem once", kind: lang.KindMulticast,
			body: map[string]any{"to": to, "messages": textMessages("")},
			want: []string{"messages[0].text: May not be empty"}},
		{name: "multicast without users", kind: lang.KindMulticast,
			body: map[string]any{"to": []any{}, "messages": textMessages("hi")},
			want: []string{"to: Size must be between 1 and 500"}},
		{name: "narrowcast by narrowcast rules", kind: lang.KindNarrowcast,
			body: map[string]any{"messages": textMessages("hi"), "filter": map[string]any{}},
			want: []string{"filter.demographic: May not be empty"}},
		{name: "broadcast", kind: lang.KindBroadcast,
			body: map[string]any{"messages": textMessages(strings.Repeat("a", 5001))},
			want: []string{"messages[0].text: Length must be between 0 and 5000"}},
		{name: "push", kind: lang.KindPush,
			body: map[string]any{"to": "U0", "messages": textMessages("hi")},
			want: []string{"to: Must be a user ID (U + 32 hex digits), group ID (C...) or room ID (R...)"}},
		{name: "reply with an http image", kind: lang.KindReply,
			body: map[string]any{"messages": httpImage},
			want: []string{"messages[0].originalContentUrl: Must be an HTTPS URL"}},
		{name: "reply may quote", kind: lang.KindReply,
			body: map[string]any{"messages": []any{map[string]any{"type": "text", "text": "hi", "quoteToken": "q"}}}},
		{name: "unknown kind", kind: lang.Kind("fax"),
			body: map[string]any{"messages": textMessages("hi")},
			want: []string{`: "fax" is not push, multicast, broadcast, narrowcast or reply`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, p := range Check(c.kind, c.body) {
				got = append(got, p.Path+": "+p.Message)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
