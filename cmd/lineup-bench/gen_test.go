package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/lineupdev/lineup/lang"
	"github.com/stretchr/testify/require"
)

// TestGeneratedConfig: the generator writes n pushes over 100 files,
// each push a target and a two-object bundle (a text of about 80
// characters and a sticker), which lineup loads and the floor decodes.
func TestGeneratedConfig(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, genConfig(dir, 250))
	names, _ := filepath.Glob(filepath.Join(dir, "*.lineup.hcl"))
	require.Len(t, names, 100)

	cfg, diags := lang.Load(dir, lang.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	require.Len(t, cfg.Sends, 250)
	for _, s := range cfg.Sends {
		msgs := s.Body["messages"].([]any)
		require.Len(t, msgs, 2, s.Address())
		text := msgs[0].(map[string]any)
		require.Equal(t, "text", text["type"])
		require.InDelta(t, 80, utf8.RuneCountInString(text["text"].(string)), 5)
		require.Equal(t, "sticker", msgs[1].(map[string]any)["type"])
	}

	files, values, err := floor(dir)
	require.NoError(t, err)
	require.Equal(t, 100, files)
	require.Equal(t, 250*5, values, "to, messages, text, package_id and sticker_id of each push")
}

// TestGeneratedAudienceFile: one distinct user ID a line.
func TestGeneratedAudienceFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audiences", "big.txt")
	require.NoError(t, genAudienceFile(path, 1000))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	userID := regexp.MustCompile(`^U[0-9a-f]{32}$`)
	seen := map[string]bool{}
	for sc := bufio.NewScanner(f); sc.Scan(); {
		require.Regexp(t, userID, sc.Text())
		seen[sc.Text()] = true
	}
	require.Len(t, seen, 1000)
}
