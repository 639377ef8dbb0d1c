package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/planner"
)

// applyDue is apply -due, meant for a cron job: it sends exactly the
// sends recorded as scheduled that are due, while their configuration
// still has the body that was reviewed (planner.Due), and refuses the
// others, saying why. It asks nothing: the sends were approved when they
// were scheduled.
func applyDue(ctx context.Context, g global, f applyFlags, s Streams) int {
	if len(f.replace) > 0 || len(f.approve) > 0 {
		return fail(s, fmt.Errorf("-due cannot be given with -replace or -approve: it sends only what an earlier apply scheduled"))
	}
	w, ok := loadWithState(ctx, f.inputs, f.stateFlags, "apply", true, g, s)
	if !ok {
		return 1
	}
	defer w.release()
	client, closeLine, err := connect(w.cfg, f.sandbox, s)
	if err != nil {
		return fail(s, err)
	}
	defer closeLine()
	now := s.Now()
	p, refused, waiting := planner.Due(w.cfg, w.st, now, uuid.NewString)
	for _, rec := range waiting {
		fmt.Fprintf(s.Out, "%s: scheduled, not due until %s\n", rec.Address, rec.Due.Format(time.RFC3339))
	}
	for _, r := range refused {
		fmt.Fprintf(s.Err, "Error: %s is due but was not sent: %s.\n", r.Address, r.Why)
	}
	if len(p.Changes) == 0 {
		if len(refused) > 0 {
			return 1
		}
		fmt.Fprintln(s.Out, "Nothing is due.")
		return 0
	}
	var due []string
	for _, ch := range p.Changes {
		due = append(due, ch.Address)
	}
	fmt.Fprintf(s.Out, "Due: %s.\n", strings.Join(due, ", "))
	code := execute(ctx, w.cfg, p, w.st, w.backend, client, f, nil, s)
	if len(refused) > 0 {
		return 1
	}
	return code
}

// approved reports whether -approve names every send of p that needs
// approval, and of saved, the saved plan p was made from (nil: none),
// which records what needed approval when it was reviewed. It says which
// are missing.
func approved(p, saved *planner.Plan, names []string, s Streams) bool {
	missing := p.NeedApproval(names)
	if saved != nil {
		for _, addr := range saved.NeedApproval(names) {
			if !slices.Contains(missing, addr) {
				missing = append(missing, addr)
			}
		}
	}
	if len(missing) == 0 {
		return true
	}
	flags := make([]string, len(missing))
	for i, addr := range missing {
		flags[i] = "-approve=" + addr
	}
	fmt.Fprintf(s.Err, "\nError: the policy requires approval for %s, and -approve does not name %s. "+
		"Nothing was sent. Apply again with %s once a reviewer approved.\n",
		strings.Join(missing, ", "), map[bool]string{true: "it", false: "them"}[len(missing) == 1], strings.Join(flags, " "))
	return false
}
