package render

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lineupdev/lineup/planner/plandoc"
	"github.com/stretchr/testify/require"
)

func TestJSON(t *testing.T) {
	for _, tt := range renderCases() {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, JSON(&buf, tt.plan))
			var doc map[string]any
			require.NoError(t, json.Unmarshal(buf.Bytes(), &doc), "the output is one JSON document")
			if doc["format_version"] != plandoc.FormatVersion {
				t.Errorf("format_version = %v, want %q", doc["format_version"], plandoc.FormatVersion)
			}
			golden(t, filepath.Join("testdata", tt.name, "plan.json"), buf.String())
		})
	}
}

func TestJSONHidesSensitive(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, JSON(&buf, allFriends()))
	out := buf.String()
	if strings.Contains(out, "SAVE-SECRET") || strings.Contains(out, "U0000secret0000") {
		t.Errorf("JSON shows a sensitive value:\n%s", out)
	}
	if !strings.Contains(out, `"text": null`) || !strings.Contains(out, `"messages[0].text"`) {
		t.Errorf("JSON does not show the sensitive text as null, with its path:\n%s", out)
	}
}
