package cli

import (
	"context"
	"fmt"

	"github.com/lineupdev/lineup/planner/state"
)

func runState(ctx context.Context, g global, args []string, s Streams) int {
	if len(args) == 0 || args[0] != "resolve" {
		help := len(args) > 0 && (args[0] == "-help" || args[0] == "--help" || args[0] == "-h")
		w := s.Err
		if help {
			w = s.Out
		}
		fmt.Fprintln(w, "Usage: lineup state resolve ADDR -sent|-not-sent\n\n"+
			"Settles a send whose outcome is unknown (shown as ? by plan) once you have checked on LINE.")
		if help {
			return 0
		}
		return 1
	}
	return runResolve(ctx, g, args[1:], s)
}

func runResolve(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("state resolve ADDR -sent|-not-sent", "Settles a pending send whose outcome lineup cannot know, "+
		"typically after its retry key expired: -sent records it as delivered (nothing will send it again); "+
		"-not-sent removes the record, so the next apply sends it with a new retry key.", s)
	sent := fs.Bool("sent", false, "it was delivered")
	notSent := fs.Bool("not-sent", false, "it was not delivered")
	requestID := fs.String("request-id", "", "with -sent: the request `ID`, if known")
	var addr string
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		addr, args = args[0], args[1:]
	}
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	if addr == "" || *sent == *notSent {
		fmt.Fprintln(s.Err, "lineup state resolve: give one address and exactly one of -sent or -not-sent")
		return 1
	}
	// The configuration names the state file: a broken one could name
	// another, so nothing is touched until it loads.
	cfg := loadConfig(inputs{}, g, s)
	if cfg == nil {
		fmt.Fprintln(s.Err, "The state was not changed: fix the configuration first; it names the state file.")
		return 1
	}
	path := statePath(cfg)
	lock, err := state.Acquire(path, "state resolve")
	if err != nil {
		return fail(s, err)
	}
	defer lock.Release()
	st, ok := readState(path, s)
	if !ok {
		return 1
	}
	rec := st.Sends[addr]
	switch {
	case rec == nil:
		return fail(s, fmt.Errorf("%s is not in the state", addr))
	case rec.Status != state.Pending:
		return fail(s, fmt.Errorf("%s is %s, not pending; there is nothing to resolve", addr, rec.Status))
	}
	if *sent {
		rec.Status = state.Sent
		rec.RequestID = *requestID
		rec.SentAt = s.Now().UTC()
	} else {
		delete(st.Sends, addr)
	}
	st.LineupVersion = Version()
	if err := state.Fold(path, st); err != nil {
		return fail(s, err)
	}
	if *sent {
		fmt.Fprintf(s.Out, "%s recorded as sent; it will not be sent again.\n", addr)
	} else {
		fmt.Fprintf(s.Out, "%s recorded as not sent; the next apply sends it with a new retry key.\n", addr)
	}
	return 0
}
