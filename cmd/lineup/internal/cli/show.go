package cli

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/lineupdev/lineup/planner/state"
)

func runShow(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("show [options]", "Shows the state: every send with its status, retry key, request ID, "+
		"sent message IDs and quote tokens.", s)
	path := fs.String("state", "", "read the state from `FILE` (default: the configuration's state file)")
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	if *path == "" {
		*path = "lineup.state.json"
		if cfg := loadConfig(inputs{}, g, s); cfg != nil {
			*path = statePath(cfg)
		}
	}
	st, ok := readState(*path, s)
	if !ok {
		return 1
	}
	if len(st.Sends) == 0 && len(st.History) == 0 {
		fmt.Fprintf(s.Out, "No state: nothing has been sent from this configuration yet (%s).\n", *path)
		return 0
	}
	fmt.Fprintf(s.Out, "State %s (lineage %s, serial %d)\n", *path, st.Lineage, st.Serial)
	addrs := make([]string, 0, len(st.Sends))
	for a := range st.Sends {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, a := range addrs {
		showRecord(s.Out, st.Sends[a])
	}
	if len(st.History) > 0 {
		fmt.Fprintf(s.Out, "\nHistory (no longer in the configuration):\n")
		for _, r := range st.History {
			showRecord(s.Out, r)
		}
	}
	return 0
}

func showRecord(w io.Writer, r *state.Record) {
	fmt.Fprintf(w, "\n# %s\n", r.Address)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "  %-13s = %s\n", name, value)
		}
	}
	field("status", string(r.Status))
	field("to", r.To)
	field("request_id", r.RequestID)
	field("sent_at", stamp(r.SentAt))
	field("retry_key", r.RetryKey)
	field("first_attempt", stamp(r.FirstAttempt))
	field("digest", r.Digest)
	field("forgotten_at", stamp(r.ForgottenAt))
	for i, m := range r.Sent {
		q := m.QuoteToken
		if q == "" {
			q = "(none)"
		}
		fmt.Fprintf(w, "  sent[%d]       = id %s, quote_token %s\n", i, m.ID, q)
	}
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
