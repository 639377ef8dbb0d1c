package planner

import (
	"testing"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// An audience being replaced gets a new ID: a send not sent yet waits for
// it (its ID unknown in the plan), a send sent to the old audience stays
// unchanged and is repointed, and a pending one keeps the old ID.
func TestReplacedAudienceDependents(t *testing.T) {
	old := upload("vip", "VIP", "U1", "U2")
	grown := upload("vip", "VIP", "U1", "U2", "U3")
	const oldID = 1000000000001
	// As the configuration evaluates with the state's results: the old ID.
	first := narrowcast("first", toAudience(float64(oldID)), "audience.vip")
	second := narrowcast("second", toAudience(float64(oldID)), "audience.vip")
	third := narrowcast("third", toAudience(float64(oldID)), "audience.vip")
	other := narrowcast("other", toAudience(float64(42)))
	st := withAudiences(stateOf(sent(first), pending(third, 0), sent(other)), audienceRecord(old, oldID))
	cfg := &lang.Config{Audiences: []*lang.Audience{grown}, Sends: []*lang.Send{first, second, third, other}}

	p, diags := Make(cfg, st, Options{Now: fixedNow, NewKey: keys()})
	require.Empty(t, diags)
	byAddr := map[string]*Change{}
	for _, ch := range p.Changes {
		byAddr[ch.Address] = ch
	}
	require.Equal(t, Replace, byAddr["audience.vip"].Action)

	unknown := lang.Unknown{Ref: "audience.vip.id"}
	ch := byAddr["narrowcast.second"]
	require.Equal(t, Send, ch.Action)
	require.Equal(t, unknown, ch.Send.Body["recipient"].(map[string]any)["audienceGroupId"])
	require.Empty(t, ch.Digest, "apply evaluates it once the new audience exists")
	require.Equal(t, 3, ch.Estimate)
	require.Equal(t, float64(oldID), second.Body["recipient"].(map[string]any)["audienceGroupId"],
		"the configuration itself is not changed")

	ch = byAddr["narrowcast.first"]
	require.Equal(t, NoOp, ch.Action)
	require.True(t, ch.Repoint)
	require.Equal(t, unknown, ch.Send.Body["recipient"].(map[string]any)["audienceGroupId"])

	ch = byAddr["narrowcast.third"]
	require.Equal(t, Unresolved, ch.Action)
	require.False(t, ch.Repoint)
	require.Equal(t, float64(oldID), ch.Send.Body["recipient"].(map[string]any)["audienceGroupId"])
	require.Equal(t, Digest(third.Body), ch.Digest)

	ch = byAddr["narrowcast.other"]
	require.Equal(t, NoOp, ch.Action)
	require.False(t, ch.Repoint)
}

// A narrowcast whose delivery failed is unchanged, with a reason that
// says how to send it again.
func TestMakeNarrowcastDeliveryFailed(t *testing.T) {
	send := narrowcast("sale", nil)
	rec := sent(send)
	rec.Progress = &state.Progress{Phase: "failed", ErrorCode: 2, FailedDescription: "There were not enough recipients."}
	p, _ := Make(&lang.Config{Sends: []*lang.Send{send}}, stateOf(rec), Options{Now: fixedNow, NewKey: keys()})
	require.Equal(t, NoOp, p.Changes[0].Action)
	require.Equal(t, "error code 2: There were not enough recipients; apply -replace=narrowcast.sale sends it again",
		p.Changes[0].Reason)
	require.True(t, DeliveryFailed(rec))
	require.False(t, p.Changes[0].Follows())
}

// Apply follows an unchanged narrowcast still being delivered only with
// wait = true.
func TestFollows(t *testing.T) {
	send := narrowcast("sale", nil)
	rec := sent(send)
	rec.Progress = &state.Progress{Phase: "waiting"}
	p, _ := Make(&lang.Config{Sends: []*lang.Send{send}}, stateOf(rec), Options{Now: fixedNow, NewKey: keys()})
	require.True(t, p.Changes[0].Follows())
	noWait := *send
	noWait.Wait = false
	p, _ = Make(&lang.Config{Sends: []*lang.Send{&noWait}}, stateOf(rec), Options{Now: fixedNow, NewKey: keys()})
	require.False(t, p.Changes[0].Follows())
}
