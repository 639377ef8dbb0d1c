package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/stretchr/testify/require"
)

// TestLiveProgressOnATerminal applies slow sends with the output on a
// terminal: a live count is redrawn in place on the last line, each
// change still gets its own line above it, and the count is erased at the
// end. Off a terminal, there is no live count.
func TestLiveProgressOnATerminal(t *testing.T) {
	for _, terminal := range []bool{true, false} {
		t.Run(fmt.Sprintf("terminal=%v", terminal), func(t *testing.T) {
			out := applySlowly(t, terminal)
			frame := regexp.MustCompile(`\r\x1b\[K(\d+) sent, \d+ retried, (\d+) failed, (\d+) left, \d+/s`)
			for i := range 4 {
				require.Contains(t, out, fmt.Sprintf("push.p%d: sent", i))
			}
			require.Contains(t, out, "Apply complete! 4 sent")
			if !terminal {
				require.NotContains(t, out, "\r")
				return
			}
			frames := frame.FindAllStringSubmatch(out, -1)
			require.GreaterOrEqual(t, len(frames), 2, "the count is redrawn as sends finish")
			sentBefore := 0
			for _, f := range frames {
				sent, failed, left := atoi(t, f[1]), atoi(t, f[2]), atoi(t, f[3])
				require.Equal(t, 4, sent+failed+left, "frame %q", f[0])
				require.GreaterOrEqual(t, sent, sentBefore, "frame %q", f[0])
				sentBefore = sent
			}
			// Every frame is erased before a line is written over it.
			last := strings.LastIndex(out, "/s")
			require.True(t, strings.HasPrefix(out[last+len("/s"):], "\r\x1b[K"), "the last count is erased")
		})
	}
}

// applySlowly applies 4 pushes, one at a time, to a sandbox that takes
// 300 ms to answer, and returns the standard output.
func applySlowly(t *testing.T, terminal bool) string {
	sb, err := sandbox.New(sandbox.Options{Latency: 300 * time.Millisecond})
	require.NoError(t, err)
	srv := httptest.NewServer(sb)
	defer srv.Close()
	t.Chdir(t.TempDir())
	var cfg strings.Builder
	for i := range 4 {
		fmt.Fprintf(&cfg, "push \"p%d\" {\n  to = \"U%032x\"\n  text {\n    text = \"hi\"\n  }\n}\n", i, i)
	}
	require.NoError(t, os.WriteFile("main.lineup.hcl", []byte(cfg.String()), 0o644))
	var out, errs bytes.Buffer
	code := Run(context.Background(), []string{"-no-color", "apply", "-auto-approve", "-parallelism=1"},
		Streams{Out: &out, Err: &errs, OutTerminal: terminal, Now: time.Now,
			Env: []string{"LINEUP_ENDPOINT=" + srv.URL, "LINE_CHANNEL_ACCESS_TOKEN=progress-test-token", "TERM=xterm"}})
	require.Equal(t, 0, code, errs.String())
	return out.String()
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}
