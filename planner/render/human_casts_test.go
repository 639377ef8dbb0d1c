package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

const sha = "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12"

var sale = []any{map[string]any{"type": "text", "text": "Winter sale!"}}

func audiencesPlan() *planner.Plan {
	vip := &lang.Audience{Name: "vip", Description: "VIP customers",
		UserIDs: &lang.IDSet{File: "audiences/vip.txt", Count: 25000, Digest: sha}}
	clicked := &lang.Audience{Name: "clicked_sale", Description: "Clicked the sale",
		Click: &lang.Retarget{RequestID: lang.Unknown{Ref: "narrowcast.winter_sale.request_id"}, URL: "https://example.com/sale"}}
	saw := &lang.Audience{Name: "saw_sale", Description: "Saw the sale",
		Impression: &lang.Retarget{RequestID: "5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4"}}
	staff := &lang.Audience{Name: "staff", Description: "Staff", UserIDs: &lang.IDSet{Count: 12, Digest: sha}}
	return &planner.Plan{Now: now, Changes: []*planner.Change{
		{Address: "audience.vip", Action: planner.Send, Audience: vip, Reason: "will be created", Estimate: 25000},
		{Address: "audience.staff", Action: planner.Replace, Audience: staff, Estimate: 12,
			Reason:        "its members changed (12 IDs, was 10); LINE cannot remove members",
			PriorAudience: &state.Audience{Address: "audience.staff", ID: 1234567890123, Description: "Staff", Kind: "upload", Count: 10, Digest: "99ff" + sha[4:]}},
		{Address: "audience.saw_sale", Action: planner.Update, Audience: saw,
			Reason:        `its description changes from "Saw it" to "Saw the sale"`,
			PriorAudience: &state.Audience{Address: "audience.saw_sale", ID: 42, Description: "Saw it", Kind: "impression"}},
		{Address: "audience.clicked_sale", Action: planner.Send, Audience: clicked, Reason: "will be created", Estimate: -1},
		{Address: "audience.gone", Action: planner.Delete, Reason: "it is no longer in the configuration",
			PriorAudience: &state.Audience{Address: "audience.gone", ID: 99, Kind: "upload"}},
	}}
}

func castsPlan() *planner.Plan {
	to := make([]any, 1201)
	for i := range to {
		to[i] = fmt.Sprintf("U%032x", i+1)
	}
	members := &lang.Send{Kind: lang.KindMulticast, Name: "members", Body: map[string]any{"to": to, "messages": sale}}
	news := &lang.Send{Kind: lang.KindBroadcast, Name: "news", Body: map[string]any{"messages": sale, "notificationDisabled": true}}
	winter := &lang.Send{Kind: lang.KindNarrowcast, Name: "winter_sale", Wait: true, Body: map[string]any{
		"messages": sale,
		"recipient": map[string]any{"type": "operator", "and": []any{
			map[string]any{"type": "audience", "audienceGroupId": lang.Unknown{Ref: "audience.vip.id"}},
			map[string]any{"type": "operator", "not": map[string]any{"type": "redelivery", "requestId": lang.Unknown{Ref: "narrowcast.autumn_sale.request_id"}}},
		}},
		"filter": map[string]any{"demographic": map[string]any{"type": "operator", "or": []any{
			map[string]any{"type": "operator", "and": []any{
				map[string]any{"type": "gender", "oneOf": []any{"male", "female"}},
				map[string]any{"type": "age", "gte": "age_20", "lt": "age_25"},
				map[string]any{"type": "area", "oneOf": []any{"jp_23", "jp_05"}},
			}},
			map[string]any{"type": "subscriptionPeriod", "lt": "day_30"},
		}}},
		"limit": map[string]any{"max": 100.0, "upToRemainingQuota": true},
	}}
	autumn := &lang.Send{Kind: lang.KindNarrowcast, Name: "autumn_sale", Wait: true, Body: map[string]any{"messages": sale}}
	return &planner.Plan{Now: now, Quota: &planner.Quota{Limit: 5000, Used: 1200}, Changes: []*planner.Change{
		{Address: "narrowcast.autumn_sale", Action: planner.NoOp, Send: autumn,
			Reason: "sending: 120 of 300 delivered; apply follows it until it finishes",
			Prior: &state.Record{Address: "narrowcast.autumn_sale", Status: state.Sent,
				Progress: &state.Progress{Phase: "sending", SuccessCount: 120, TargetCount: 300}}},
		{Address: "multicast.members", Action: planner.Send, Send: members, RetryKeys: []string{"k1", "k2", "k3"}, Estimate: 1201},
		{Address: "broadcast.news", Action: planner.Send, Send: news, RetryKey: "k4", Estimate: -1},
		{Address: "narrowcast.winter_sale", Action: planner.Send, Send: winter, RetryKey: "k5", Estimate: -1},
	}}
}

func inProgressOnly() *planner.Plan {
	p := castsPlan()
	p.Quota = nil
	p.Changes = p.Changes[:1]
	return p
}

func TestHumanCasts(t *testing.T) {
	tests := []struct {
		name string
		plan *planner.Plan
	}{
		{name: "audiences", plan: audiencesPlan()},
		{name: "casts", plan: castsPlan()},
		{name: "in_progress", plan: inProgressOnly()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Human(&buf, tt.plan, HumanOptions{}))
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

func TestConditionText(t *testing.T) {
	require.Equal(t, "and(audience(5614991017776), not(redelivery(\"5b59509c\")))", conditionText(map[string]any{
		"type": "operator", "and": []any{
			map[string]any{"type": "audience", "audienceGroupId": 5614991017776.0},
			map[string]any{"type": "operator", "not": map[string]any{"type": "redelivery", "requestId": "5b59509c"}},
		},
	}))
	require.Equal(t, "age(null, 30)", conditionText(map[string]any{"type": "age", "lt": "age_30"}))
	require.Equal(t, sensitiveText, conditionText(sensitiveValue{}))
}

// TestAudiencesInReviewFormats: the markdown and JSON plans name audience
// actions as such and give member counts as members, never as estimated
// messages.
func TestAudiencesInReviewFormats(t *testing.T) {
	var md, js bytes.Buffer
	require.NoError(t, Markdown(&md, audiencesPlan(), MarkdownOptions{}))
	golden(t, filepath.Join("testdata", "audiences", "plan.md"), md.String())
	require.NoError(t, JSON(&js, audiencesPlan()))
	golden(t, filepath.Join("testdata", "audiences", "plan.json"), js.String())
}
