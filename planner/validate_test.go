package planner

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
)

func TestMakeValidation(t *testing.T) {
	emptyText := push("empty", user, "")
	badTo := push("bad_to", "someone", "hi")
	noRanges := push("no_ranges", user, "hi")
	noRanges.Body["messages"] = []any{map[string]any{"type": "sticker", "packageId": "446"}}
	noRanges.Ranges = map[string]hcl.Range{"messages[0]": rng(7)}
	unknownTo := push("unknown_to", user, "hi")
	unknownTo.Body["to"] = lang.Unknown{Ref: "inbox[\"1\"].chat"}
	quoted := push("quoted", user, "hi")
	quoted.Body["messages"] = []any{map[string]any{"type": "image",
		"originalContentUrl": "https://example.com/a.jpg", "previewImageUrl": "https://example.com/a.jpg", "quoteToken": lang.Unknown{Ref: "push.a.sent[0].quote_token"}}}
	quoted.Ranges["messages[0].quoteToken"] = rng(9)

	tests := []struct {
		name string
		send *lang.Send
		want []diag
	}{
		{name: "problem on a recorded path", send: emptyText, want: []diag{{Summary: "Empty text", Line: 4,
			Detail: "LINE would refuse push.empty: May not be empty (at messages[0].text)."}}},
		{name: "recipient", send: badTo, want: []diag{{Summary: "Invalid recipient", Line: 2,
			Detail: "LINE would refuse push.bad_to: Must be a user ID (U + 32 hex digits), group ID (C...) " +
				"or room ID (R...) (at to)."}}},
		{name: "nearest parent range", send: noRanges, want: []diag{{Summary: "Missing sticker ID", Line: 7,
			Detail: "LINE would refuse push.no_ranges: May not be empty (at messages[0].stickerId)."}}},
		{name: "unknown values are not checked", send: unknownTo},
		{name: "unknown value where none may be", send: quoted,
			want: []diag{{Summary: "Quote token not allowed", Line: 9,
				Detail: "LINE would refuse push.quoted: A image message cannot quote; only text, textV2 and " +
					"sticker can (at messages[0].quoteToken)."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Make(&lang.Config{Sends: []*lang.Send{tt.send}}, stateOf(),
				Options{Now: func() time.Time { return now }, NewKey: keys()})
			if diff := cmp.Diff(tt.want, diagsOf(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSubjectFallsBackToDeclRange(t *testing.T) {
	s := push("x", user, "")
	s.Ranges = nil
	got := s.RangeOf("messages[0].text")
	if diff := cmp.Diff(rng(1), got); diff != "" {
		t.Errorf("subject (-want +got):\n%s", diff)
	}
}

// diag is what the tests compare of an error diagnostic.
type diag struct {
	Summary string
	Detail  string
	Line    int
}

func diagsOf(diags hcl.Diagnostics) []diag {
	var out []diag
	for _, d := range diags {
		out = append(out, diag{Summary: d.Summary, Detail: d.Detail, Line: d.Subject.Start.Line})
	}
	return out
}

func TestMakeValidatesByKind(t *testing.T) {
	multi := &lang.Send{Kind: lang.KindMulticast, Name: "members", DeclRange: rng(1),
		Body: map[string]any{
			"to":       []any{user, group, lang.Unknown{Ref: "inbox[\"1\"].user_id"}},
			"messages": []any{map[string]any{"type": "text", "text": "hi", "quoteToken": "q"}},
		},
		Ranges: map[string]hcl.Range{"to": rng(2), "messages[0].quoteToken": rng(5)},
	}
	_, diags := Make(&lang.Config{Sends: []*lang.Send{multi}}, stateOf(),
		Options{Now: func() time.Time { return now }, NewKey: keys()})
	want := []diag{
		{Summary: "Invalid recipient", Line: 2, Detail: "LINE would refuse multicast.members: Must be a user ID " +
			"(U + 32 hex digits); multicast cannot send to groups or rooms (at to[1])."},
		{Summary: "Quote token not allowed", Line: 5,
			Detail: "LINE would refuse multicast.members: Only reply and push messages can quote (at messages[0].quoteToken)."},
	}
	if diff := cmp.Diff(want, diagsOf(diags)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestMakeSkipsChecksOfSendsNotSentAgain: a send recorded as sent and
// unchanged since is not checked (nothing will be sent for it), so a rule
// tightened since it was sent does not block the plan; a pending one, one
// changed since, or one replaced on request is checked.
func TestMakeSkipsChecksOfSendsNotSentAgain(t *testing.T) {
	bad := func(name string) *lang.Send { return push(name, user, "") } // an empty text: LINE refuses it
	unchanged, replaced, retried, changed := bad("unchanged"), bad("replaced"), bad("retried"), bad("changed")
	changedBefore := push("changed", user, "something else")
	st := stateOf(sent(unchanged), sent(replaced), pending(retried, time.Hour), sent(changedBefore))
	p, diags := Make(&lang.Config{Sends: []*lang.Send{unchanged, replaced, retried, changed}}, st,
		Options{Now: func() time.Time { return now }, NewKey: keys(), Replace: []string{"push.replaced"}})
	var refused []string
	for _, d := range diags {
		refused = append(refused, d.Detail[len("LINE would refuse "):strings.Index(d.Detail, ":")])
	}
	if diff := cmp.Diff([]string{"push.replaced", "push.retried", "push.changed"}, refused); diff != "" {
		t.Errorf("sends checked (-want +got):\n%s", diff)
	}
	if ch := p.Changes[0]; ch.Action != NoOp {
		t.Errorf("push.unchanged: got %v, want no-op", ch.Action)
	}
}
