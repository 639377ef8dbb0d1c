package state

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The state says which lineup wrote it; a state written before lineup
// recorded it reads with no version.
func TestLineupVersionRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	s := sample()
	s.LineupVersion = "v1.4.0"
	require.NoError(t, Write(path, s))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	if !strings.Contains(string(data), `"lineup_version": "v1.4.0"`) {
		t.Errorf("state file does not record the lineup version:\n%s", data)
	}
	got, err := Load(path)
	require.NoError(t, err)
	if got.LineupVersion != "v1.4.0" {
		t.Errorf("LineupVersion after Load = %q, want v1.4.0", got.LineupVersion)
	}

	old := `{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", "serial": 1, "sends": {}, "history": []}`
	st, err := Read(strings.NewReader(old))
	require.NoError(t, err)
	if st.LineupVersion != "" {
		t.Errorf("LineupVersion of a state without one = %q, want empty", st.LineupVersion)
	}
}
