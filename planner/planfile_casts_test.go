package planner

import (
	"testing"

	"github.com/lineupdev/lineup/lang"
	"github.com/stretchr/testify/require"
)

// A saved plan keeps audience changes and binds a multicast's retry keys
// to it, and Match gives the plan made again exactly those keys.
func TestSavedAudiencesAndMulticast(t *testing.T) {
	vip := upload("vip", "VIP", "U1", "U2", "U3")
	staff := upload("staff", "Team", "U9")
	news := multicast("news", userIDs(600))
	st := withAudiences(stateOf(), audienceRecord(upload("vip", "VIP", "U1", "U2"), 7),
		audienceRecord(upload("staff", "Staff", "U9"), 8), audienceRecord(upload("gone", "Gone", "U8"), 9))
	cfg := &lang.Config{Audiences: []*lang.Audience{staff, vip}, Sends: []*lang.Send{news}}
	p, diags := Make(cfg, st, Options{Now: fixedNow, NewKey: keys()})
	require.Empty(t, diags)

	sp := NewSaved(planID, cfg, p, nil)
	var got []brief
	for _, ch := range sp.Plan.Changes {
		got = append(got, brief{Address: ch.Address, Action: ch.Action, HasDigest: ch.Digest != ""})
	}
	require.Equal(t, []brief{
		{Address: "audience.staff", Action: Update, HasDigest: true},
		{Address: "audience.vip", Action: Replace, HasDigest: true},
		{Address: "multicast.news", Action: Send, HasDigest: true},
		{Address: "audience.gone", Action: Delete},
	}, got)
	saved := sp.Plan.Changes
	require.Equal(t, "Team", saved[0].Audience.Description)
	require.Equal(t, int64(8), saved[0].PriorAudience.ID)
	require.Equal(t, 3, saved[1].Audience.UserIDs.Count)
	require.Equal(t, int64(9), saved[3].PriorAudience.ID)
	require.Nil(t, saved[3].Audience)
	keys := []string{RetryKeyFor(planID, "multicast.news", 0), RetryKeyFor(planID, "multicast.news", 1)}
	require.Equal(t, keys, saved[2].RetryKeys)

	again, _ := Make(cfg, st, sp.Options(fixedNow))
	require.NoError(t, sp.Match(again))
	require.Equal(t, keys, again.Changes[2].RetryKeys)

	// Other members than reviewed: refused.
	grown := upload("vip", "VIP", "U1", "U2", "U3", "U4")
	other, _ := Make(&lang.Config{Audiences: []*lang.Audience{staff, grown}, Sends: []*lang.Send{news}}, st,
		sp.Options(fixedNow))
	var mismatch *MismatchError
	require.ErrorAs(t, sp.Match(other), &mismatch)
}
