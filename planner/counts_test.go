package planner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/stretchr/testify/require"
)

// Too many elements and too long values say how many there are and how
// long it is, beside LINE's limit.
func TestCountsInDetails(t *testing.T) {
	tests := []struct {
		fixture string
		want    string
	}{
		{fixture: "quick_reply/fourteen_items", want: "There are 14; at most 13 are allowed"},
		{fixture: "imagemap/too_many_actions", want: "There are 51; at most 50 are allowed"},
		{fixture: "text_v2/too_many_mentions", want: "There are 21; at most 20 are allowed"},
		{fixture: "text/too_long_utf16", want: "Length must be between 0 and 5000 (at messages[0].text). It is 6000 UTF-16 code units long."},
		{fixture: "quick_reply/label_too_long", want: "It is 21 characters long."},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			dir := t.TempDir()
			src, err := os.ReadFile(filepath.Join("testdata/invalid", tt.fixture+".lineup.hcl"))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), src, 0o644))
			cfg, diags := lang.Load(dir, lang.Options{})
			require.False(t, diags.HasErrors(), diags.Error())
			_, diags = Make(cfg, nil, Options{Now: func() time.Time { return now }, NewKey: keys()})
			require.Len(t, diags, 1, diags.Error())
			require.True(t, strings.Contains(diags[0].Detail, tt.want), "detail %q does not contain %q", diags[0].Detail, tt.want)
		})
	}
}
