package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// lineup fmt replaces a file by renaming a complete new one over it, never
// by rewriting it in place: a hard link to the old file keeps the old
// text, the new file keeps the old file's mode, and no temp file is left.
func TestFmtWritesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "main.lineup.hcl")
	old := "push \"a\" {\nto = \"U0123456789abcdef0123456789abcdef\"\n  text {\n    text = \"hi\"\n  }\n}\n"
	require.NoError(t, os.WriteFile(path, []byte(old), 0o640))
	link := filepath.Join(t.TempDir(), "link.hcl")
	require.NoError(t, os.Link(path, link))

	var out, errs bytes.Buffer
	code := Run(context.Background(), []string{"fmt", dir}, Streams{Out: &out, Err: &errs, Now: time.Now})
	require.Equal(t, 0, code, errs.String())
	require.Contains(t, out.String(), path)

	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(got), "  to = \"U0123456789abcdef0123456789abcdef\"")
	kept, err := os.ReadFile(link)
	require.NoError(t, err)
	require.Equal(t, old, string(kept), "the old file was rewritten in place")
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o640), info.Mode().Perm())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temp file is left")
}
