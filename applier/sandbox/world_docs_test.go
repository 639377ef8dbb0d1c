package sandbox

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// TestDocumentedWorld holds the default world to what docs/sandbox.md and
// `lineup sandbox -help` say of it: its friends, groups and rooms, and
// whom the example narrowcast filters reach.
func TestDocumentedWorld(t *testing.T) {
	sb, ts := startCast(t, Options{})
	require.Len(t, sb.Population(), 3000)
	require.Equal(t, 2850, sb.TargetReach())
	var chats []string
	for _, c := range sb.Groups() {
		chats = append(chats, c.ID+" "+strconv.Itoa(len(c.Members)))
	}
	want := []string{
		"C1d0f2d0f7be988107f7a96d93ec855b5 4",
		"C157a1361cbef7bf4f88ae85b678cfb04 7",
		"C7b12c46dcf417cf493710f6937a25f75 4",
		"Rffb3507d11be94ce35c3c26811234fee 6",
		"Rb216383969dee30d58c5c197a7a98162 3",
	}
	if diff := cmp.Diff(want, chats); diff != "" {
		t.Errorf("groups and rooms (-docs +sandbox):\n%s", diff)
	}

	filters := []struct {
		filter string
		want   string // "N" recipients, or "failed N"
	}{
		{`{"type":"gender","oneOf":["female"]}`, "1329"},
		{`{"type":"operator","and":[{"type":"gender","oneOf":["female"]},{"type":"age","gte":"age_20","lt":"age_40"}]}`, "428"},
		{`{"type":"area","oneOf":["jp_13"]}`, "91"},
		{`{"type":"operator","and":[{"type":"gender","oneOf":["female"]},{"type":"area","oneOf":["jp_13"]}]}`, "failed 2"},
		{`{"type":"area","oneOf":["jp_13","jp_14","jp_27"]}`, "282"},
	}
	for _, f := range filters {
		id := narrowcastNow(t, ts, `{`+textMessages+`,"filter":{"demographic":`+f.filter+`}}`)
		sb.Advance(2 * time.Second)
		p := progressOfID(t, ts, id)
		require.Equal(t, http.StatusOK, p.status)
		body := p.body.(map[string]any)
		got := ""
		switch body["phase"] {
		case "succeeded":
			got = strconv.Itoa(int(body["successCount"].(float64)))
		case "failed":
			got = "failed " + strconv.Itoa(int(body["errorCode"].(float64)))
		}
		require.Equal(t, f.want, got, f.filter)
	}
}
