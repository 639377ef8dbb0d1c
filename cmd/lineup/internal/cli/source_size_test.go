package cli

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSourceSize(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"a.lineup.hcl": 100, "b.lineup.hcl": 23, "notes.txt": 1000} {
		if err := os.WriteFile(filepath.Join(dir, name), make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		args []string
		want int64
	}{
		{[]string{"-chdir=" + dir, "plan"}, 123},
		{[]string{"-chdir", dir, "plan", "-out", "x"}, 123},
		{[]string{"-chdir=" + filepath.Join(dir, "missing"), "plan"}, 0},
		{[]string{"-unknown-flag", "plan"}, 0},
	} {
		if got := SourceSize(tt.args); got != tt.want {
			t.Errorf("SourceSize(%q) = %d, want %d", tt.args, got, tt.want)
		}
	}
}
