package state

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

func sample() *State {
	return &State{
		Lineage: "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11",
		Serial:  3,
		Sends: map[string]*Record{
			"push.welcome": {
				Address:      "push.welcome",
				Status:       Sent,
				RetryKey:     "6f1c2b1e-0000-4000-8000-000000000001",
				FirstAttempt: t0,
				Digest:       "abc123",
				To:           "U4af4980629a1b2c3d4e5f60718293a4b",
				RequestID:    "5b59509c-1111-4222-8333-444455556666",
				Sent: []SentMessage{
					{ID: "461230966842064897", QuoteToken: "q1"},
					{ID: "461230966842064898"},
				},
				SentAt: t0.Add(time.Second),
			},
			"push.crashed": {
				Address:      "push.crashed",
				Status:       Pending,
				RetryKey:     "6f1c2b1e-0000-4000-8000-000000000002",
				FirstAttempt: t0,
				Digest:       "def456",
				To:           "C4af4980629a1b2c3d4e5f60718293a4b",
			},
			"multicast.members": {
				Address: "multicast.members",
				Status:  Pending,
				Digest:  "m1",
				Parts: []Part{
					{RetryKey: "6f1c2b1e-0000-4000-8000-000000000004", Status: Sent, FirstAttempt: t0, RequestID: "r-m1", Count: 500},
					{RetryKey: "6f1c2b1e-0000-4000-8000-000000000005", Status: Pending, FirstAttempt: t0, Count: 201},
				},
			},
			"narrowcast.sale": {
				Address: "narrowcast.sale", Status: Sent, RetryKey: "6f1c2b1e-0000-4000-8000-000000000006",
				RequestID: "r-n", Digest: "n1",
				Progress: &Progress{Phase: "failed", ErrorCode: 2, FailedDescription: "not enough recipients",
					AcceptedTime: t0, CompletedTime: t0.Add(time.Minute), CheckedAt: t0.Add(2 * time.Minute)},
			},
		},
		History: []*Record{{
			Address:     "push.old",
			Status:      Sent,
			RetryKey:    "6f1c2b1e-0000-4000-8000-000000000003",
			RequestID:   "r-old",
			SentAt:      t0.Add(-48 * time.Hour),
			ForgottenAt: t0,
		}},
		Audiences: map[string]*Audience{
			"audience.vip": {Address: "audience.vip", ID: 1234567890123, Description: "VIP customers",
				Kind: "upload", Digest: "ids", Count: 25000, CreatedAt: t0},
		},
	}
}

func TestWriteLoadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	s := sample()
	require.NoError(t, Write(path, s))
	if s.Serial != 4 {
		t.Errorf("Serial after Write = %d, want 4", s.Serial)
	}
	got, err := Load(path)
	require.NoError(t, err)
	if diff := cmp.Diff(s, got); diff != "" {
		t.Errorf("Load after Write (-want +got):\n%s", diff)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	require.NoError(t, Write(a, sample()))
	require.NoError(t, Write(b, sample()))
	da, err := os.ReadFile(a)
	require.NoError(t, err)
	db, err := os.ReadFile(b)
	require.NoError(t, err)
	if !bytes.Equal(da, db) {
		t.Errorf("two writes of the same state differ:\n%s\n---\n%s", da, db)
	}
	if !bytes.HasSuffix(da, []byte("}\n")) {
		t.Errorf("state file does not end in a newline")
	}
	if !bytes.Contains(da, []byte("\n  \"lineage\": ")) {
		t.Errorf("state file is not pretty-printed:\n%s", da)
	}
}

func TestWriteFormat(t *testing.T) {
	s := &State{Lineage: "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", Sends: map[string]*Record{
		"push.a": {Address: "push.a", Status: Sent, RequestID: "r1", SentAt: t0},
	}}
	got, err := Encode(s)
	require.NoError(t, err)
	want := `{
  "version": 1,
  "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11",
  "serial": 0,
  "sends": {
    "push.a": {
      "address": "push.a",
      "status": "sent",
      "request_id": "r1",
      "sent_at": "2026-11-20T09:30:00Z"
    }
  },
  "history": []
}
`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("Encode (-want +got):\n%s", diff)
	}
}

func TestWriteModeAndNoTempFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lineup.state.json")
	require.NoError(t, os.WriteFile(path, []byte("{}"), 0o644))
	require.NoError(t, Write(path, sample()))
	require.NoError(t, Write(path, sample()))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"lineup.state.json", "lineup.state.json.seen"}, names); diff != "" {
		t.Errorf("files after Write (-want +got):\n%s", diff)
	}
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing-dir", "lineup.state.json")
	s := sample()
	err := Write(path, s)
	require.Error(t, err)
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name %s", err, path)
	}
	if s.Serial != 3 {
		t.Errorf("Serial after failed Write = %d, want 3 (unchanged)", s.Serial)
	}
}

func TestLoadMissingGivesNew(t *testing.T) {
	s, err := Load(filepath.Join(t.TempDir(), "lineup.state.json"))
	require.NoError(t, err)
	if s.Serial != 0 || s.Lineage == "" || s.Sends == nil || len(s.Sends) != 0 {
		t.Errorf("Load of a missing file = %+v, want a new state", s)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{name: "truncated", input: `{"version": 1, "lineage": "x", "sends": {`,
			want: "state file is not valid JSON: unexpected end of JSON input"},
		{name: "garbage", input: `lineup`, want: "state file is not valid JSON: invalid character 'l'"},
		{name: "array", input: `[1, 2]`, want: "state file is not a JSON object (found array)"},
		{name: "no version", input: `{"lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11"}`,
			want: `state file has no "version"; it is not a lineup state file`},
		{name: "version string", input: `{"version": "1"}`,
			want: `state file "version" must be a whole number, not "1"`},
		{name: "newer", input: `{"version": 99, "sends": {}}`,
			want: "state file version 99 is newer than this lineup supports (1); upgrade lineup"},
		{name: "zero", input: `{"version": 0}`, want: "state file version 0 is not a valid version"},
		{name: "no lineage", input: `{"version": 1, "serial": 1, "sends": {}}`,
			want: `state file has no "lineage"`},
		{name: "bad lineage", input: `{"version": 1, "lineage": "abc"}`,
			want: `state file lineage "abc" is not a UUID`},
		{name: "unknown field", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", "colour": 1}`,
			want: `state file has an unknown field "colour"`},
		{name: "bad status", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11",
			"sends": {"push.a": {"address": "push.a", "status": "done"}}}`,
			want: `state file sends["push.a"] has status "done"; it must be "pending", "sent", "scheduled" or "expired"`},
		{name: "pending without key", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11",
			"sends": {"push.a": {"address": "push.a", "status": "pending"}}}`,
			want: `state file sends["push.a"] is pending but has no "retry_key"`},
		{name: "address mismatch", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11",
			"sends": {"push.a": {"address": "push.b", "status": "sent"}}}`,
			want: `state file sends["push.a"] has address "push.b"; the two must be equal`},
		{name: "wrong type", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", "serial": "3"}`,
			want: `state file field "serial" must not be a JSON string`},
		{name: "sends not an object", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", "sends": "x"}`,
			want: `state file field "sends" must not be a JSON string`},
		{name: "record field type", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11",
			"sends": {"push.a": {"address": "push.a", "status": "sent", "sent": "x"}}}`,
			want: `state file field "sends.push.a.sent" must not be a JSON string`},
		{name: "record unknown field", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11",
			"sends": {"push.a": {"address": "push.a", "status": "sent", "colour": 1}}}`,
			want: `state file has an unknown field "colour"`},
		{name: "history unknown field", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11",
			"history": [{"address": "push.a", "status": "sent", "colour": 1}]}`,
			want: `state file has an unknown field "colour"`},
		{name: "trailing data", input: `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11"} {}`,
			want: "state file is not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.input))
			require.Error(t, err)
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestReadEmpty(t *testing.T) {
	for _, input := range []string{"", "  \n"} {
		if _, err := Read(strings.NewReader(input)); !errors.Is(err, ErrEmpty) {
			t.Errorf("Read(%q) error = %v, want ErrEmpty", input, err)
		}
	}
}

func TestLoadErrorsNamePath(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"corrupt.json": `{"version": 1, "sends": {`,
		"future.json":  `{"version": 99}`,
		"empty.json":   ``,
	} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
		_, err := Load(path)
		require.Error(t, err)
		if !strings.Contains(err.Error(), path) {
			t.Errorf("Load(%s) error %q does not name the path", name, err)
		}
	}
}
