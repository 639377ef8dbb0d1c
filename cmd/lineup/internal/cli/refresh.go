package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/planner/state"
)

func runRefresh(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("refresh [options]", "Reads the progress of every narrowcast that has not finished "+
		"and records it in the state. It sends nothing.", s)
	useSandbox := fs.Bool("sandbox", false, "read from the embedded LINE sandbox (kept in .lineup/sandbox)")
	var sf stateFlags
	sf.register(fs)
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	w, ok := loadWithState(ctx, inputs{}, sf, "refresh", false, g, s)
	if !ok {
		return 1
	}
	defer w.release()
	cfg, st := w.cfg, w.st
	var open []string
	for addr, rec := range st.Sends {
		if strings.HasPrefix(addr, "narrowcast.") && rec.Status == state.Sent && !rec.Progress.Finished() {
			open = append(open, addr)
		}
	}
	sort.Strings(open)
	if len(open) == 0 {
		fmt.Fprintln(s.Out, "Nothing to refresh: every narrowcast in the state has finished.")
		return 0
	}
	client, closeLine, err := connect(cfg, *useSandbox, s)
	if err != nil {
		return fail(s, err)
	}
	defer closeLine()
	failed := 0
	for _, addr := range open {
		rec := st.Sends[addr]
		p, err := client.NarrowcastProgress(ctx, rec.RequestID)
		if err != nil {
			fmt.Fprintf(s.Err, "%s: reading progress: %v\n", addr, err)
			failed++
			continue
		}
		rec.Progress = applier.ProgressOf(p, s.Now())
		fmt.Fprintf(s.Out, "%s: %s\n", addr, describeProgress(rec.Progress))
	}
	if err := w.backend.Commit(ctx, st); err != nil {
		return fail(s, err)
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// describeProgress says where a narrowcast stands, in a few words.
func describeProgress(p *state.Progress) string {
	if p == nil {
		return "no progress read yet"
	}
	switch p.Phase {
	case "waiting":
		return "waiting (LINE is preparing the delivery)"
	case "sending":
		return fmt.Sprintf("sending: %d of %d delivered, %d failed", p.SuccessCount, p.TargetCount, p.FailureCount)
	case "succeeded":
		return fmt.Sprintf("succeeded: %d of %d delivered, %d failed, completed %s",
			p.SuccessCount, p.TargetCount, p.FailureCount, p.CompletedTime.UTC().Format(time.RFC3339))
	case "failed":
		return fmt.Sprintf("failed with error code %d: %s", p.ErrorCode, p.FailedDescription)
	}
	return p.Phase
}
