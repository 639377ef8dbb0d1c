package lang

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/require"
)

// TestNarrowcastSeed checks that the narrowcast of LINE's guide, written
// in HCL, gives the guide's request body.
func TestNarrowcastSeed(t *testing.T) {
	cfg, diags := Load("testdata/narrowcast_seed", Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	require.Len(t, cfg.Sends, 1)
	raw, err := os.ReadFile("testdata/narrowcast_seed/body.json")
	require.NoError(t, err)
	var want map[string]any
	require.NoError(t, json.Unmarshal(raw, &want))
	if diff := cmp.Diff(want, cfg.Sends[0].Body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	require.True(t, cfg.Sends[0].Wait, "wait defaults to true")
}

func digestOf(ids ...string) string {
	h := sha256.New()
	for _, id := range ids {
		h.Write([]byte(id + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

var vipIDs = []string{
	"Ua4c123b1612dd272d1371c17149d4395", "U36b3216fdaeeb975729fae923d5a4fd1", "U2aabfe228f219e9cb0eb53f16947ccf2",
	"U5ec84d8dbc74254770f58904dba41ecc", "Ucc3fc1626e53a13043b026c48bbf33fe",
}

func TestCastsAndAudiences(t *testing.T) {
	cfg, diags := Load("testdata/casts", Options{})
	require.False(t, diags.HasErrors(), diags.Error())

	var order []string
	deps := map[string][]string{}
	sends := map[string]*Send{}
	for _, s := range cfg.Sends {
		order = append(order, s.Address())
		deps[s.Address()] = s.DependsOn
		sends[s.Address()] = s
	}
	require.Equal(t, []string{
		"broadcast.news", "multicast.members", "multicast.followup", "narrowcast.autumn_sale",
		"narrowcast.retarget", "narrowcast.winter_sale",
	}, order)
	require.Equal(t, map[string][]string{
		"broadcast.news": nil, "multicast.members": nil, "multicast.followup": {"multicast.members"},
		"narrowcast.autumn_sale": nil, "narrowcast.retarget": {"audience.clicked_autumn"},
		"narrowcast.winter_sale": {"audience.vip", "narrowcast.autumn_sale"},
	}, deps)

	wantWinter := map[string]any{
		"messages": []any{map[string]any{"type": "text", "text": "Sale!"}},
		"recipient": map[string]any{"type": "operator", "and": []any{
			map[string]any{"type": "audience", "audienceGroupId": Unknown{Ref: "audience.vip.id"}},
			map[string]any{"type": "operator", "not": map[string]any{
				"type": "redelivery", "requestId": Unknown{Ref: "narrowcast.autumn_sale.request_id"},
			}},
		}},
		"filter":               map[string]any{"demographic": map[string]any{"type": "age", "lt": "age_30"}},
		"limit":                map[string]any{"max": 100.0},
		"notificationDisabled": true,
	}
	winter := sends["narrowcast.winter_sale"]
	if diff := cmp.Diff(wantWinter, winter.Body); diff != "" {
		t.Errorf("winter_sale body (-want +got):\n%s", diff)
	}
	require.False(t, winter.Wait)
	require.True(t, sends["narrowcast.autumn_sale"].Wait)
	require.True(t, strings.HasPrefix(rangeText(t, cfg, winter.RangeOf("recipient.and[0].audienceGroupId")), "and(audience("))

	members := sends["multicast.members"].Body
	require.Equal(t, []any{vipIDs[0], vipIDs[1], vipIDs[2]}, members["to"], "duplicates removed, order kept")
	require.Equal(t, []any{"members"}, members["customAggregationUnits"])

	wantAudiences := []*Audience{
		{Name: "clicked_autumn", Description: "Clicked the autumn sale", DependsOn: []string{"narrowcast.autumn_sale"},
			Click: &Retarget{RequestID: Unknown{Ref: "narrowcast.autumn_sale.request_id"}, URL: "https://example.com/sale"}},
		{Name: "listed", Description: "Listed by hand", UserIDs: &IDSet{
			Count: 2, Digest: digestOf("U00000000000000000000000000000001", "U00000000000000000000000000000002"),
			IDs: []string{"U00000000000000000000000000000001", "U00000000000000000000000000000002"},
		}},
		{Name: "saw_news", Description: "Saw the news", DependsOn: []string{"broadcast.news"},
			Impression: &Retarget{RequestID: Unknown{Ref: "broadcast.news.request_id"}}},
		{Name: "vip", Description: "VIP customers", UserIDs: &IDSet{
			File: "audiences/vip.txt", Count: 5, Digest: digestOf(vipIDs...),
		}},
	}
	ignore := cmpopts.IgnoreFields(Audience{}, "DeclRange", "Ranges")
	if diff := cmp.Diff(wantAudiences, cfg.Audiences, ignore); diff != "" {
		t.Errorf("audiences (-want +got):\n%s", diff)
	}
	require.Contains(t, cfg.Audiences[0].Ranges, "click.request_id")

	// The file digest is the digest Each gives.
	var each []string
	require.NoError(t, cfg.Audiences[3].UserIDs.Each(cfg.Dir, func(id string) error { each = append(each, id); return nil }))
	require.Equal(t, vipIDs, each)
}

func TestCastsEvaluateWithResults(t *testing.T) {
	cfg, diags := Load("testdata/casts", Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	done, diags := cfg.Evaluate(map[string]Result{
		"audience.vip":           {AudienceID: 1234567890123},
		"narrowcast.autumn_sale": {RequestID: "5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4"},
		"multicast.members":      {RequestIDs: []string{"r1", "r2"}},
	})
	require.False(t, diags.HasErrors(), diags.Error())
	var winter, followup *Send
	for _, s := range done.Sends {
		switch s.Address() {
		case "narrowcast.winter_sale":
			winter = s
		case "multicast.followup":
			followup = s
		}
	}
	want := map[string]any{"type": "operator", "and": []any{
		map[string]any{"type": "audience", "audienceGroupId": 1234567890123.0},
		map[string]any{"type": "operator", "not": map[string]any{
			"type": "redelivery", "requestId": "5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4",
		}},
	}}
	if diff := cmp.Diff(want, winter.Body["recipient"]); diff != "" {
		t.Errorf("recipient (-want +got):\n%s", diff)
	}
	require.Equal(t, "r1,r2", followup.Body["messages"].([]any)[0].(map[string]any)["text"])
	require.Equal(t, "5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4", done.Audiences[0].Click.RequestID)
	require.Equal(t, Unknown{Ref: "audience.vip.id"},
		cfg.Sends[5].Body["recipient"].(map[string]any)["and"].([]any)[0].(map[string]any)["audienceGroupId"],
		"the Config Evaluate was called on is not changed")
}

func rangeText(t *testing.T, cfg *Config, rng hcl.Range) string {
	t.Helper()
	f := cfg.Files[rng.Filename]
	require.NotNil(t, f, "no file for range %v", rng)
	return strings.TrimSpace(string(f.Bytes[rng.Start.Byte:rng.End.Byte]))
}
