package sandbox

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestWorldPersists(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sandbox") // Save creates it
	sb1, ts1 := start(t, Options{Dir: dir})
	first := push(t, ts1, textPush(userA, "before restart"), keyOne)
	require.Equal(t, http.StatusOK, first.status)
	require.NoError(t, sb1.Save())
	ts1.Close()

	sb2, ts2 := start(t, Options{Dir: dir})
	dup := push(t, ts2, textPush(userA, "before restart"), keyOne)
	require.Equal(t, http.StatusConflict, dup.status)
	require.Equal(t, first.header.Get("X-Line-Request-Id"), dup.header.Get("X-Line-Accepted-Request-Id"))
	if diff := cmp.Diff(sent(t, first.body), sent(t, dup.body)); diff != "" {
		t.Errorf("sentMessages of the 409 (-want +got):\n%s", diff)
	}

	token := sent(t, first.body)[0].QuoteToken
	quote := push(t, ts2, quotePush(userA, token), "")
	require.Equal(t, http.StatusOK, quote.status, "a quote token issued before the restart: %v", quote.body)
	elsewhere := push(t, ts2, quotePush(userB, token), "")
	require.Equal(t, http.StatusBadRequest, elsewhere.status)

	before, err := strconv.ParseUint(sent(t, first.body)[0].ID, 10, 64)
	require.NoError(t, err)
	after, err := strconv.ParseUint(sent(t, quote.body)[0].ID, 10, 64)
	require.NoError(t, err)
	if after <= before {
		t.Errorf("message ID after restart %d is not above %d", after, before)
	}

	var statuses []int
	for _, r := range sb2.Requests() {
		statuses = append(statuses, r.Status)
	}
	if diff := cmp.Diff([]int{200, 409, 200, 400}, statuses); diff != "" {
		t.Errorf("request log across the restart (-want +got):\n%s", diff)
	}
	require.Len(t, sb2.Messages(), 2)
}

func TestWorldLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
	}{
		{name: "not JSON", content: "{nope"},
		{name: "no version", content: `{"next_message_id":1}`},
		{name: "future version", content: `{"version":99}`},
		{name: "wrong shape", content: `{"version":1,"retry_keys":{"a":1}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, worldFileName)
			require.NoError(t, os.WriteFile(path, []byte(tt.content), 0o644))
			if _, err := New(Options{Dir: dir}); err == nil {
				t.Errorf("New loaded a bad world file")
			}
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.content, string(data)); diff != "" {
				t.Errorf("world file changed (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSaveWithoutDir(t *testing.T) {
	sb, err := New(Options{})
	require.NoError(t, err)
	require.NoError(t, sb.Save())
}

func TestSaveLeavesNoTempFiles(t *testing.T) {
	dir := t.TempDir()
	sb, err := New(Options{Dir: dir})
	require.NoError(t, err)
	require.NoError(t, sb.Save())
	require.NoError(t, sb.Save())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{worldFileName}, names); diff != "" {
		t.Errorf("files in Dir (-want +got):\n%s", diff)
	}
}
