package render

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

var (
	now   = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	user  = "U4af4980629a1b2c3d4e5f60718293a4b"
	group = "C4af4980629a1b2c3d4e5f60718293a4b"
)

func push(name string, body map[string]any) *lang.Send {
	return &lang.Send{Kind: lang.KindPush, Name: name, Body: body}
}

func textPush(name, to, text string) *lang.Send {
	return push(name, map[string]any{"to": to, "messages": []any{map[string]any{"type": "text", "text": text}}})
}

func welcome() *lang.Send {
	return push("welcome", map[string]any{
		"to": user,
		"messages": []any{
			map[string]any{"type": "text", "text": "Welcome to Lineup Cafe!"},
			map[string]any{"type": "sticker", "packageId": "446", "stickerId": "1988"},
		},
	})
}

func sendsOnly() *planner.Plan {
	quoting := push("answer", map[string]any{
		"to": user,
		"messages": []any{map[string]any{
			"type": "text", "text": "Yes, you can.\nSee you\tsoon \x01 ようこそ",
			"quoteToken": lang.Unknown{Ref: "push.welcome.sent[0].quote_token"},
			"quickReply": map[string]any{"items": []any{map[string]any{
				"type":   "action",
				"action": map[string]any{"type": "message", "label": "Book", "text": "book"},
			}}},
			"emojis": []any{},
			"sender": map[string]any{},
		}},
		"notificationDisabled": true,
	})
	team := push("team", map[string]any{"to": group, "messages": []any{
		map[string]any{"type": "location", "title": "Cafe", "address": "Tokyo", "latitude": 35.65910807942215, "longitude": 139.70372892916203},
		map[string]any{"type": "audio", "originalContentUrl": "https://example.com/a.m4a", "duration": float64(60000)},
	}})
	return &planner.Plan{Now: now, Changes: []*planner.Change{
		{Address: "push.welcome", Action: planner.Send, Send: welcome(), RetryKey: "k1", Estimate: 1},
		{Address: "push.answer", Action: planner.Send, Send: quoting, RetryKey: "k2", Estimate: 1},
		{Address: "push.team", Action: planner.Send, Send: team, RetryKey: "k3", Estimate: -1},
	}}
}

func everyAction() *planner.Plan {
	sentAt := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	return &planner.Plan{Now: now, Changes: []*planner.Change{
		{Address: "push.welcome", Action: planner.NoOp, Send: welcome()},
		{Address: "push.hello", Action: planner.Send, Send: textPush("hello", user, "Hello"), RetryKey: "k1", Estimate: 1},
		{Address: "push.notice", Action: planner.Send, Send: textPush("notice", user, "Closed Monday and Tuesday."),
			Replace: true, Reason: "replaced on request", RetryKey: "k2", Estimate: 1,
			Prior: &state.Record{Address: "push.notice", Status: state.Sent, RequestID: "0a1b2c3d-0000-4000-8000-000000000001", SentAt: sentAt}},
		{Address: "push.answer", Action: planner.Changed, Send: textPush("answer", user, "Yes, until 9pm."),
			Reason: "the configuration changed since it was sent; nothing will be sent",
			Prior:  &state.Record{Address: "push.answer", Status: state.Sent, RequestID: "5b59509c-0000-4000-8000-000000000002", SentAt: sentAt}},
		{Address: "push.hours", Action: planner.Changed, Send: textPush("hours", user, "Open until 10pm."),
			Reason: "the configuration changed since it was sent; nothing will be sent",
			Prior:  &state.Record{Address: "push.hours", Status: state.Sent, RequestID: "5b59509c-0000-4000-8000-000000000003", SentAt: sentAt},
			SentDiff: []planner.AttrChange{
				{Path: "messages[0].quickReply.items[0].action.label", Op: planner.AttrDelete, Before: "Menu"},
				{Path: "messages[0].text", Op: planner.AttrUpdate, Before: "Open until 9pm.", After: "Open until 10pm."},
				{Path: "notificationDisabled", Op: planner.AttrCreate, After: true},
				{Path: "to", Op: planner.AttrUpdate, Sensitive: true},
			}},
		{Address: "push.crashed", Action: planner.Unresolved, Send: textPush("crashed", group, "Oops"),
			RetryKey: "pending-1", KeyExpires: now.Add(23*time.Hour + 10*time.Minute), Estimate: -1,
			Reason: "a request may have been accepted; its retry key is valid for 23h10m more",
			Prior:  &state.Record{Address: "push.crashed", Status: state.Pending, RetryKey: "pending-1"}},
		{Address: "push.late", Action: planner.Unresolved, Send: textPush("late", user, "Late"),
			RetryKey: "pending-2", KeyExpires: now.Add(-time.Hour),
			Reason: "a request may have been accepted; its retry key expired at 2026-11-23T09:00:00Z, so apply " +
				"will not retry it; check on LINE whether it was delivered and resolve it by hand",
			Prior: &state.Record{Address: "push.late", Status: state.Pending, RetryKey: "pending-2"}},
		{Address: "push.old", Action: planner.Forget, Reason: "it is no longer in the configuration",
			Prior: &state.Record{Address: "push.old", Status: state.Sent}},
	}}
}

func TestHuman(t *testing.T) {
	tests := []struct {
		name  string
		plan  *planner.Plan
		color bool
	}{
		{name: "empty", plan: &planner.Plan{Now: now}},
		{name: "unchanged", plan: &planner.Plan{Now: now, Changes: []*planner.Change{
			{Address: "push.a", Action: planner.NoOp, Send: textPush("a", user, "a")},
			{Address: "push.b", Action: planner.NoOp, Send: textPush("b", user, "b")},
		}}},
		{name: "sends_only", plan: sendsOnly()},
		{name: "every_action", plan: everyAction()},
		{name: "changed_only", plan: &planner.Plan{Now: now, Changes: everyAction().Changes[3:4]}},
		{name: "color", plan: everyAction(), color: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Human(&buf, tt.plan, HumanOptions{Color: tt.color}))
			golden := filepath.Join("testdata", tt.name, "plan.txt")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./planner/render -update to create it")
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

func TestHumanReturnsWriteError(t *testing.T) {
	err := Human(failingWriter{}, everyAction(), HumanOptions{})
	if !errors.Is(err, errWrite) {
		t.Errorf("Human error = %v, want the writer's", err)
	}
}

var errWrite = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1207: "1,207", 1500000: "1,500,000", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
