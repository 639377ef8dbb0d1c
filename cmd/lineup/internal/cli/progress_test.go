package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/stretchr/testify/require"
)

// TestLiveProgressOnATerminal applies slow sends with the output on a
// terminal: a live count is redrawn in place on the last line, each
// change of a small apply still gets its own line above it, and the count
// stays on screen at the end. Off a terminal, there is no live count.
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
			// The status line stays on screen at the end, with every send
			// counted, and the summary goes below it.
			last := frames[len(frames)-1]
			require.Equal(t, "4", last[1], "the last count has every send: %q", last[0])
			require.Equal(t, "0", last[3], "the last count has none left: %q", last[0])
			require.Contains(t, out, last[0]+"\n\nApply complete!")
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

// pushPlan is a plan of n pushes, p0 to p<n-1>.
func pushPlan(n int) *planner.Plan {
	p := &planner.Plan{}
	for i := range n {
		addr := fmt.Sprintf("push.p%d", i)
		p.Changes = append(p.Changes, &planner.Change{Address: addr, Action: planner.Send,
			Send: &lang.Send{Kind: "push", Name: fmt.Sprintf("p%d", i)}})
	}
	return p
}

// On a pipe, the changes past the limit are counted, not listed, and a
// progress line says where the apply stands every interval.
func TestProgressOnAPipe(t *testing.T) {
	var out, errs syncBuffer
	s := Streams{Out: &out, Err: &errs, Now: time.Now}
	pr := startProgress(s, pushPlan(200), 100, 10*time.Millisecond)
	for i := range 150 {
		pr.report(applier.Event{Address: fmt.Sprintf("push.p%d", i), Action: planner.Send, Result: applier.Sending})
		pr.report(applier.Event{Address: fmt.Sprintf("push.p%d", i), Action: planner.Send, Result: applier.Sent, RequestID: "r"})
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "Progress: ") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	require.Equal(t, 1, pr.end(errors.New("push.p150: not sent: apply was interrupted"), false))
	got := out.String()
	require.Equal(t, 100, strings.Count(got, ": sent (request r)"), "a line per change up to the limit")
	require.Contains(t, got, "(the other changes are counted, not listed; failures are listed at the end)\n")
	require.Contains(t, got, "Progress: 150 sent, 0 retried, 0 failed, 50 left, ")
	require.NotContains(t, got, "\r")
	require.Contains(t, errs.String(), "Error: apply did not finish: 150 sent, 0 failed, 50 not sent.")
}

// At the end, each cause of failure is listed once, with the addresses it
// failed (ten at most, then how many more); an address alone on its
// cause reads as its error; errors of the apply that no change reported
// are listed too.
func TestFailuresGroupedByCause(t *testing.T) {
	var out, errs syncBuffer
	pr := startProgress(Streams{Out: &out, Err: &errs, Now: time.Now}, pushPlan(20), 100, time.Hour)
	var joined []error
	fail := func(i int, result applier.Result, cause string) {
		err := fmt.Errorf("push.p%d: %s", i, cause)
		joined = append(joined, err)
		pr.report(applier.Event{Address: fmt.Sprintf("push.p%d", i), Action: planner.Send, Result: result, Err: err})
	}
	for i := range 15 {
		fail(i, applier.Failed, "LINE answered 400 Bad Request: The request body has 1 error(s)")
	}
	fail(15, applier.Failed, "the outcome is unknown: timeout")
	for i := 16; i < 20; i++ {
		pr.report(applier.Event{Address: fmt.Sprintf("push.p%d", i), Action: planner.Send, Result: applier.Sent})
	}
	joined = append(joined, errors.New("writing state file lineup.state.json: disk full"))
	require.Equal(t, 1, pr.end(errors.Join(errors.Join(joined...), nil), false))
	got := errs.String()
	require.Contains(t, got, "Error: apply did not finish: 4 sent, 16 failed, 0 not sent.")
	require.Equal(t, 1, strings.Count(got, "LINE answered 400"), got)
	require.Contains(t, got, "\n  15 changes: LINE answered 400 Bad Request: The request body has 1 error(s)\n"+
		"    push.p0, push.p1, push.p10, push.p11, push.p12, push.p13, push.p14, push.p2, push.p3, push.p4 and 5 more\n")
	require.Contains(t, got, "\n  push.p15: the outcome is unknown: timeout\n")
	require.Contains(t, got, "\n  writing state file lineup.state.json: disk full\n")
	require.NotContains(t, out.String(), "LINE answered", "the causes are listed once, at the end")
}

// syncBuffer is a bytes.Buffer safe for the progress ticker and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
