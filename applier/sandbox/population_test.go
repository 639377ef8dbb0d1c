package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPopulationIsSeeded(t *testing.T) {
	a, _ := start(t, Options{})
	b, _ := start(t, Options{})
	c, _ := start(t, Options{PopulationSeed: 2})
	pop := a.Population()
	require.Len(t, pop, DefaultFriends)
	require.Equal(t, pop, b.Population(), "same seed, same friends")
	require.NotEqual(t, pop[0].UserID, c.Population()[0].UserID)
	require.Equal(t, DefaultFriends-DefaultFriends/20, a.TargetReach())

	seen := map[string]int{}
	for _, f := range pop {
		require.Regexp(t, `^U[0-9a-f]{32}$`, f.UserID)
		seen[f.Gender]++
		seen[f.AppType]++
		seen[f.Area[:min(3, len(f.Area))]]++
		if f.Area == "jp_23" || f.Area == "jp_05" {
			seen["example areas"]++
		}
	}
	for _, k := range []string{"male", "female", "", "ios", "android", "jp_", "tw_", "th_", "example areas"} {
		require.Positive(t, seen[k], "some friends have %q", k)
	}
	groups := a.Groups()
	require.Len(t, groups, DefaultGroups+DefaultRooms)
	require.True(t, strings.HasPrefix(groups[0].ID, "C") && strings.HasPrefix(groups[len(groups)-1].ID, "R"))
	for _, g := range groups {
		require.GreaterOrEqual(t, len(g.Members), minChatMembers, g.ID)
		require.LessOrEqual(t, len(g.Members), maxChatMembers, g.ID)
	}
	d, _ := start(t, Options{Friends: 50})
	require.Equal(t, groups[0].ID, d.Groups()[0].ID, "the chats' IDs depend on the seed alone")
}

func TestPopulationEndpoint(t *testing.T) {
	sb, ts := start(t, Options{Friends: 40, Groups: -1, Rooms: 1})
	res, err := ts.Client().Get(ts.URL + "/_sandbox/population")
	require.NoError(t, err)
	defer res.Body.Close()
	got := readAnswer(t, res)
	require.Equal(t, http.StatusOK, got.status)
	body := got.body.(map[string]any)
	require.EqualValues(t, 1, body["seed"])
	require.EqualValues(t, 38, body["targetReach"])
	require.Len(t, body["friends"], 40)
	require.Len(t, body["groups"], 0)
	require.Len(t, body["rooms"], 1)
	require.Equal(t, sb.Population()[0].UserID, body["friends"].([]any)[0].(map[string]any)["userId"])
}

func TestBroadcastCountsTargetReach(t *testing.T) {
	sb, ts := start(t, Options{Friends: 100})
	got := call(t, ts, http.MethodPost, "/v2/bot/message/broadcast", `{"messages":[{"type":"text","text":"b"}]}`, nil)
	require.Equal(t, http.StatusOK, got.status)
	require.Equal(t, 95, sb.Usage(), "the 5 who blocked are not counted")
}

func TestFollowers(t *testing.T) {
	_, ts := startCast(t, Options{Friends: 200})
	get := func(query string) answer {
		return call(t, ts, http.MethodGet, "/v2/bot/insight/followers"+query, "", nil)
	}
	require.Equal(t, js(t, `{"status":"ready","followers":200,"targetedReaches":190,"blocks":10}`), get("?date=20261119").body)
	require.Equal(t, js(t, `{"status":"unready","followers":null,"targetedReaches":null,"blocks":null}`), get("?date=20261120").body)
	require.Equal(t, "out_of_service", get("?date=20161031").body.(map[string]any)["status"])
	missing := get("")
	require.Equal(t, http.StatusBadRequest, missing.status)
	require.Equal(t, js(t, `{"message":"date is required"}`), missing.body)
	require.Equal(t, js(t, `{"message":"Bad Request"}`), get("?date=2026-11-19").body)
}

// TestCastsPersist: audiences, narrowcasts and the population survive a
// save and a reload; the reloaded sandbox can redeliver and build click
// audiences from the first one's narrowcast.
func TestCastsPersist(t *testing.T) {
	dir := t.TempDir()
	clock := func() time.Time { return castT0 }
	first, ts := startCast(t, Options{Dir: dir, Now: clock, PopulationSeed: 7, Friends: 500})
	members := []string{first.Population()[0].UserID, first.Population()[1].UserID}
	audienceID := uploadAudience(t, ts, "kept", members)
	ifa := call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/upload",
		`{"description":"ifa","isIfaAudience":true,"audiences":[{"id":"123e4567-e89b-12d3-a456-426614174000"}]}`, nil)
	require.Equal(t, http.StatusAccepted, ifa.status, "%v", ifa.body)
	sent := narrowcastNow(t, ts, `{`+textMessages+`}`)
	first.Advance(2 * time.Second)
	require.Equal(t, "succeeded", phase(t, ts, sent))
	require.NoError(t, first.Save())

	// Other population options: the saved world keeps its own.
	second, ts2 := startCast(t, Options{Dir: dir, Now: func() time.Time { return castT0.Add(time.Minute) }})
	require.Equal(t, first.Population(), second.Population())
	require.Equal(t, "succeeded", phase(t, ts2, sent))
	group, _ := getAudience(t, ts2, audienceID)
	require.Equal(t, "READY", group["status"])
	require.EqualValues(t, 2, group["audienceCount"])
	again := narrowcastNow(t, ts2, fmt.Sprintf(`{`+textMessages+`,"recipient":{"type":"operator","and":[
		{"type":"audience","audienceGroupId":%d},{"type":"redelivery","requestId":"%s"}]}}`, audienceID, sent))
	second.Advance(2 * time.Second)
	require.Equal(t, "failed", phase(t, ts2, again), "a redelivery needs 50 recipients")
	next := uploadAudience(t, ts2, "next", members)
	require.Greater(t, next, audienceID+1, "audience IDs go on")
	createRetarget(t, ts2, "imp", "seen", sent)
}
