package planner

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// userIDs returns n distinct user IDs.
func userIDs(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = fmt.Sprintf("U%032x", i+1)
	}
	return out
}

func multicast(name string, to []any) *lang.Send {
	return &lang.Send{
		Kind: lang.KindMulticast, Name: name, DeclRange: rng(1),
		Body: map[string]any{
			"to":       to,
			"messages": []any{map[string]any{"type": "text", "text": "News"}},
		},
		Ranges: map[string]hcl.Range{"to": rng(2), "messages": rng(3)},
	}
}

func narrowcast(name string, extra map[string]any, deps ...string) *lang.Send {
	body := map[string]any{"messages": []any{map[string]any{"type": "text", "text": "Sale"}}}
	for k, v := range extra {
		body[k] = v
	}
	return &lang.Send{Kind: lang.KindNarrowcast, Name: name, DeclRange: rng(1), Body: body, Wait: true, DependsOn: deps,
		Ranges: map[string]hcl.Range{"messages": rng(2), "recipient": rng(3), "filter": rng(4), "limit": rng(5)}}
}

func toAudience(ref any) map[string]any {
	return map[string]any{"recipient": map[string]any{"type": "audience", "audienceGroupId": ref}}
}

func upload(name, desc string, ids ...string) *lang.Audience {
	return &lang.Audience{Name: name, Description: desc, DeclRange: rng(1),
		UserIDs: &lang.IDSet{IDs: ids, Count: len(ids), Digest: strings.Join(ids, ",")}}
}

func clickAudience(name string, requestID any, deps ...string) *lang.Audience {
	return &lang.Audience{Name: name, Description: "Clicked", DependsOn: deps,
		Click: &lang.Retarget{RequestID: requestID, URL: "https://example.com/sale"}}
}

func audienceRecord(a *lang.Audience, id int64) *state.Audience {
	return &state.Audience{Address: a.Address(), ID: id, Description: a.Description, Kind: AudienceKind(a),
		Digest: AudienceDigest(a), Count: 2}
}

func TestMakeMulticastChunks(t *testing.T) {
	to := append(userIDs(1201), userIDs(3)...) // duplicates do not count
	p, diags := Make(&lang.Config{Sends: []*lang.Send{multicast("members", to)}}, stateOf(), Options{Now: fixedNow, NewKey: keys()})
	require.False(t, diags.HasErrors(), diags.Error())
	ch := p.Changes[0]
	require.Equal(t, []string{"key-1", "key-2", "key-3"}, ch.RetryKeys)
	require.Equal(t, "", ch.RetryKey)
	require.Equal(t, 1201, ch.Estimate)
	require.Equal(t, 1201, p.Summary().Estimate)
}

func TestMakeMulticastValidatesEveryChunk(t *testing.T) {
	to := userIDs(1201)
	to[1100] = group
	_, diags := Make(&lang.Config{Sends: []*lang.Send{multicast("members", to)}}, stateOf(), Options{Now: fixedNow, NewKey: keys()})
	require.Len(t, diags, 1, diags.Error())
	require.Contains(t, diags[0].Detail, "to[1100]")
	require.Equal(t, 2, diags[0].Subject.Start.Line)
}

func TestMakeUnresolvedMulticast(t *testing.T) {
	send := multicast("members", userIDs(1201))
	rec := &state.Record{Address: "multicast.members", Status: state.Pending, Digest: Digest(send.Body),
		FirstAttempt: now.Add(-2 * time.Hour), Parts: []state.Part{
			{RetryKey: "p1", Status: state.Sent, FirstAttempt: now.Add(-2 * time.Hour), Count: 500, RequestID: "r1"},
			{RetryKey: "p2", Status: state.Pending, FirstAttempt: now.Add(-2 * time.Hour), Count: 500},
			{RetryKey: "p3", Status: state.Pending, FirstAttempt: now.Add(-time.Hour), Count: 201},
		}}
	p, _ := Make(&lang.Config{Sends: []*lang.Send{send}}, stateOf(rec), Options{Now: fixedNow, NewKey: keys()})
	ch := p.Changes[0]
	require.Equal(t, Unresolved, ch.Action)
	require.Equal(t, []string{"p1", "p2", "p3"}, ch.RetryKeys)
	require.Equal(t, now.Add(22*time.Hour), ch.KeyExpires, "the earliest pending part's key")
	require.Equal(t, 701, ch.Estimate, "the parts not sent")
}

func TestMakeNarrowcastInProgress(t *testing.T) {
	send := narrowcast("sale", nil)
	rec := sent(send)
	rec.Progress = &state.Progress{Phase: "sending", SuccessCount: 120, TargetCount: 300}
	p, _ := Make(&lang.Config{Sends: []*lang.Send{send}}, stateOf(rec), Options{Now: fixedNow, NewKey: keys()})
	require.Equal(t, NoOp, p.Changes[0].Action)
	require.Equal(t, "sending: 120 of 300 delivered; apply follows it until it finishes", p.Changes[0].Reason)
	sum := p.Summary()
	require.Equal(t, 1, sum.InProgress)
	require.True(t, sum.Empty())
}

func fixedNow() time.Time { return now }

func TestMakeAudiences(t *testing.T) {
	vip := upload("vip", "VIP", "U1", "U2")
	vipRenamed := upload("vip", "Very important", "U1", "U2")
	vipGrown := upload("vip", "VIP", "U1", "U2", "U3")
	autumn := narrowcast("autumn", nil)
	clicked := clickAudience("clicked", lang.Unknown{Ref: "narrowcast.autumn.request_id"}, "narrowcast.autumn")
	winter := narrowcast("winter", toAudience(lang.Unknown{Ref: "audience.vip.id"}), "audience.vip")
	retarget := narrowcast("retarget", toAudience(lang.Unknown{Ref: "audience.clicked.id"}), "audience.clicked")
	gone := &state.Audience{Address: "audience.gone", ID: 99, Kind: "upload"}
	oldSend := &state.Record{Address: "push.old", Status: state.Sent}

	tests := []struct {
		name      string
		audiences []*lang.Audience
		sends     []*lang.Send
		state     *state.State
		want      []brief
	}{
		{
			name:      "created before what uses them, after what they are built from",
			audiences: []*lang.Audience{clicked, vip},
			sends:     []*lang.Send{autumn, retarget, winter},
			state:     stateOf(),
			want: []brief{
				{Address: "narrowcast.autumn", Action: Send, RetryKey: "key-1", Estimate: -1, HasDigest: true},
				{Address: "audience.clicked", Action: Send, Reason: "will be created", Estimate: -1},
				{Address: "audience.vip", Action: Send, Reason: "will be created", Estimate: 2, HasDigest: true},
				{Address: "narrowcast.retarget", Action: Send, RetryKey: "key-2", Estimate: -1},
				{Address: "narrowcast.winter", Action: Send, RetryKey: "key-3", Estimate: 2},
			},
		},
		{
			name:      "renamed, unchanged, replaced, deleted last",
			audiences: []*lang.Audience{vipRenamed},
			state:     withAudiences(stateOf(oldSend), audienceRecord(vip, 7), gone),
			want: []brief{
				{Address: "audience.vip", Action: Update, Reason: `its description changes from "VIP" to "Very important"`,
					HasDigest: true},
				{Address: "push.old", Action: Forget, Reason: "it is no longer in the configuration"},
				{Address: "audience.gone", Action: Delete, Reason: "it is no longer in the configuration"},
			},
		},
		{
			name:      "new members replace it, before the send using it",
			audiences: []*lang.Audience{vipGrown},
			sends:     []*lang.Send{winter},
			state:     withAudiences(stateOf(), audienceRecord(vip, 7)),
			want: []brief{
				{Address: "audience.vip", Action: Replace, Estimate: 3, HasDigest: true,
					Reason: "its members changed (3 IDs, was 2); LINE cannot remove members"},
				{Address: "narrowcast.winter", Action: Send, RetryKey: "key-1", Estimate: 3},
			},
		},
		{
			name:      "unchanged",
			audiences: []*lang.Audience{vip},
			state:     withAudiences(stateOf(), audienceRecord(vip, 7)),
			want:      []brief{{Address: "audience.vip", Action: NoOp, HasDigest: true}},
		},
		{
			name:      "a click audience whose send is not sent yet is built again",
			audiences: []*lang.Audience{clicked},
			sends:     []*lang.Send{autumn},
			state: withAudiences(stateOf(),
				audienceRecord(clickAudience("clicked", "old-request"), 8)),
			want: []brief{
				{Address: "narrowcast.autumn", Action: Send, RetryKey: "key-1", Estimate: -1, HasDigest: true},
				{Address: "audience.clicked", Action: Replace, Estimate: -1,
					Reason: "the send it is built from will be sent first; the audience is built again from it"},
			},
		},
		{
			name:      "another kind replaces it",
			audiences: []*lang.Audience{vip},
			state: withAudiences(stateOf(),
				audienceRecord(clickAudience("vip", "r"), 8)),
			want: []brief{{Address: "audience.vip", Action: Replace, Estimate: 2, HasDigest: true,
				Reason: "it was a click audience and is now an upload audience"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := &lang.Config{Sends: tt.sends, Audiences: tt.audiences}
			p, diags := Make(cfg, tt.state, Options{Now: fixedNow, NewKey: keys()})
			require.False(t, diags.HasErrors(), diags.Error())
			if diff := cmp.Diff(tt.want, briefs(p)); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}

func withAudiences(st *state.State, as ...*state.Audience) *state.State {
	st.Audiences = map[string]*state.Audience{}
	for _, a := range as {
		st.Audiences[a.Address] = a
	}
	return st
}

func TestEstimates(t *testing.T) {
	vip := upload("vip", "VIP", "U1", "U2", "U3")
	cfg := &lang.Config{Audiences: []*lang.Audience{vip}}
	st := withAudiences(stateOf(), audienceRecord(vip, 5614991017776))
	e := newEstimator(cfg, st)
	tests := []struct {
		name string
		send *lang.Send
		want int
	}{
		{"push to a user", push("p", user, "x"), 1},
		{"push to a group", push("p", group, "x"), -1},
		{"multicast counts distinct users", multicast("m", []any{user, user, "U" + strings.Repeat("1", 32)}), 2},
		{"multicast to unknown users", multicast("m", []any{lang.Unknown{Ref: "local.x"}}), -1},
		{"broadcast", &lang.Send{Kind: lang.KindBroadcast, Body: map[string]any{}}, -1},
		{"narrowcast to all friends", narrowcast("n", nil), -1},
		{"narrowcast to an upload audience", narrowcast("n", toAudience(lang.Unknown{Ref: "audience.vip.id"})), 3},
		{"narrowcast to its ID", narrowcast("n", toAudience(5614991017776.0)), 3},
		{"narrowcast to another ID", narrowcast("n", toAudience(1.0)), -1},
		{"narrowcast capped by limit.max", narrowcast("n", map[string]any{
			"recipient": toAudience(lang.Unknown{Ref: "audience.vip.id"})["recipient"],
			"limit":     map[string]any{"max": 2.0},
		}), 2},
		{"narrowcast with a filter", narrowcast("n", map[string]any{
			"recipient": toAudience(lang.Unknown{Ref: "audience.vip.id"})["recipient"],
			"filter":    map[string]any{"demographic": map[string]any{"type": "age", "gte": "age_20"}},
		}), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, e.estimate(tt.send))
		})
	}
}

func TestQuotaWarning(t *testing.T) {
	cfg := &lang.Config{Sends: []*lang.Send{multicast("members", userIDs(1207)), push("p", group, "x")}}
	for _, tt := range []struct {
		name  string
		quota *Quota
		warn  bool
	}{
		{"offline", nil, false},
		{"no limit", &Quota{Limit: 0, Used: 5000}, false},
		{"enough left", &Quota{Limit: 3000, Used: 1000}, false},
		{"too few left", &Quota{Limit: 3000, Used: 2000}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := Make(cfg, stateOf(), Options{Now: fixedNow, NewKey: keys(), Quota: tt.quota})
			require.False(t, diags.HasErrors())
			require.Equal(t, tt.warn, len(diags) == 1, diags.Error())
			if tt.warn {
				require.Equal(t, "Monthly message quota exceeded", diags[0].Summary)
				require.Contains(t, diags[0].Detail, "at least 1,207 messages, but only 1,000 are left")
			}
			require.Equal(t, tt.quota, p.Summary().Quota)
		})
	}
}

func TestSummaryCountsAudiences(t *testing.T) {
	p := &Plan{Changes: []*Change{
		{Address: "audience.a", Action: Send, Audience: &lang.Audience{}, Estimate: 50},
		{Address: "audience.b", Action: Update, Audience: &lang.Audience{}},
		{Address: "audience.c", Action: Replace, Audience: &lang.Audience{}, Estimate: 3},
		{Address: "audience.d", Action: Delete, PriorAudience: &state.Audience{}},
		{Address: "audience.e", Action: NoOp, Audience: &lang.Audience{}},
		{Address: "push.a", Action: Send, Send: push("a", user, "x"), Estimate: 1},
	}}
	want := Summary{Send: 1, Create: 1, Update: 1, Replace: 1, Delete: 1, UnchangedAudiences: 1,
		Estimate: 1, EstimateKnown: true}
	require.Equal(t, want, p.Summary())
}
