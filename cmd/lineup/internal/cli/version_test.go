package cli

import (
	"bytes"
	"context"
	"os"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestVersionOf(t *testing.T) {
	rev := "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d"
	for _, tc := range []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{name: "released", info: debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, want: "v1.4.0"},
		{name: "pseudo-version", info: debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202131700-1a2b3c4d5e6f"}},
			want: "v0.0.0-20261202131700-1a2b3c4d5e6f"},
		{name: "checkout", info: debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}}},
			want: "dev+1a2b3c4d5e6f"},
		{name: "modified checkout", info: debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}},
			want: "dev+1a2b3c4d5e6f-modified"},
		{name: "nothing known", info: debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, want: "dev"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, versionOf(&tc.info))
		})
	}
}

// TestNoColor plans on a terminal: coloured, unless -no-color is given
// before the command name or after it.
func TestNoColor(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg := "push \"hello\" {\n  to = \"U0123456789abcdef0123456789abcdef\"\n  text {\n    text = \"hi\"\n  }\n}\n"
	require.NoError(t, os.WriteFile("main.lineup.hcl", []byte(cfg), 0o644))
	plan := func(args ...string) string {
		var out, errs bytes.Buffer
		code := Run(context.Background(), args, Streams{Out: &out, Err: &errs, OutTerminal: true, Now: time.Now,
			Env: []string{"TERM=xterm"}})
		require.Equal(t, 0, code, errs.String())
		require.Contains(t, out.String(), `push "hello"`)
		return out.String()
	}
	require.Contains(t, plan("plan"), "\x1b[", "a plan on a terminal is coloured")
	for _, args := range [][]string{{"plan", "-no-color"}, {"-no-color", "plan"}} {
		out := plan(args...)
		require.False(t, strings.Contains(out, "\x1b["), "lineup %s printed colour:\n%q", strings.Join(args, " "), out)
	}
}
