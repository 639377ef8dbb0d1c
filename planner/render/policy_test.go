package render

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// policyPlan holds a send of every kind the schedule and the policy
// mark: scheduled, held by quiet hours, expired, needing approval,
// failing and warning rules, and a scheduled record left as it is.
func policyPlan() *planner.Plan {
	jst := time.FixedZone("JST", 9*3600)
	cast := func(kind lang.Kind, name string) *lang.Send {
		return &lang.Send{Kind: kind, Name: name, Body: map[string]any{
			"messages": []any{map[string]any{"type": "text", "text": "Sale: https://example.com/sale"}}}}
	}
	return &planner.Plan{Now: now, Changes: []*planner.Change{
		{Address: "push.christmas", Action: planner.Send, Send: textPush("christmas", user, "Merry Christmas"),
			RetryKey: "k1", Estimate: 1,
			Policy: planner.PolicyNotes{Due: time.Date(2026, 12, 24, 9, 0, 0, 0, jst), Held: "not_before"}},
		{Address: "push.late", Action: planner.Send, Send: textPush("late", user, "Good night"), RetryKey: "k2", Estimate: 1,
			Policy: planner.PolicyNotes{Due: time.Date(2026, 11, 24, 8, 0, 0, 0, jst), Held: "quiet hours 21:00-08:00 Asia/Tokyo"}},
		{Address: "push.gone", Action: planner.Send, Send: textPush("gone", user, "Too late"), RetryKey: "k3",
			Policy: planner.PolicyNotes{Expired: true}},
		{Address: "broadcast.sale", Action: planner.Send, Send: cast("broadcast", "sale"), RetryKey: "k4", Estimate: -1,
			Policy: planner.PolicyNotes{Approval: "every broadcast needs approval", Rules: []planner.RuleFailure{
				{Rule: "sale_links_tracked", Message: "Sale links must carry utm_source=line."},
				{Rule: "no_shouting", Warning: true, Message: "Say it without capitals."},
			}}},
		{Address: "push.new_year", Action: planner.NoOp, Send: textPush("new_year", user, "Happy new year"),
			Reason: "scheduled: lineup apply -due sends it from 2027-01-01T00:00:00Z",
			Prior: &state.Record{Address: "push.new_year", Status: state.Scheduled, Digest: "d",
				Due: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
			Policy: planner.PolicyNotes{Due: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}},
	}}
}

func TestPolicyFormats(t *testing.T) {
	p := policyPlan()
	var human, md, js bytes.Buffer
	require.NoError(t, Human(&human, p, HumanOptions{}))
	require.NoError(t, Markdown(&md, p, MarkdownOptions{}))
	require.NoError(t, JSON(&js, p))
	golden(t, filepath.Join("testdata", "policy", "plan.txt"), human.String())
	golden(t, filepath.Join("testdata", "policy", "plan.md"), md.String())
	golden(t, filepath.Join("testdata", "policy", "plan.json"), js.String())
}

// A plan whose only news is a scheduled send still says when it goes.
func TestPolicyScheduledOnly(t *testing.T) {
	p := &planner.Plan{Now: now, Changes: policyPlan().Changes[4:]}
	var human, md bytes.Buffer
	require.NoError(t, Human(&human, p, HumanOptions{}))
	require.NoError(t, Markdown(&md, p, MarkdownOptions{}))
	want := "push.new_year is scheduled: lineup apply -due sends it from 2027-01-01 00:00 UTC"
	for _, out := range []string{human.String(), md.String()} {
		if !strings.Contains(out, "No changes.") || !strings.Contains(out, want) {
			t.Errorf("plan:\n%s", out)
		}
	}
}
