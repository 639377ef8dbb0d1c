package cli

import (
	"fmt"
	"strings"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/planner"
)

// tally counts an apply's events, for its progress and its summary, and
// groups its failures by cause. It is not safe for concurrent use: the
// views that hold one lock around it.
type tally struct {
	// total is the number of sends (and forgets) the plan applies;
	// audience changes are not counted.
	total   int
	counted map[string]bool

	sent, retried, failed, notSent, forgot int
	// scheduled and expired count the sends apply recorded as scheduled
	// or expired instead of sending them.
	scheduled, expired int
	// causes are the failures' addresses by cause, the causes in the
	// order they first failed.
	causes map[string][]string
	order  []string
}

func newTally(p *planner.Plan) tally {
	t := tally{counted: map[string]bool{}, causes: map[string][]string{}}
	for _, ch := range p.Changes {
		switch {
		case ch.IsAudience(): // audience changes are not counted as sends
		case ch.Action == planner.Send, ch.Action == planner.Unresolved, ch.Action == planner.Forget:
			t.total++
			t.counted[ch.Address] = true
		}
	}
	return t
}

// add counts e. It reports whether e finished a change: a retry or a
// request leaving does not.
func (t *tally) add(e applier.Event) bool {
	switch e.Result {
	case applier.Sending:
		return false
	case applier.Retrying:
		t.retried++
		return false
	case applier.Sent, applier.SentBefore:
		t.sent++
	case applier.Forgotten:
		t.forgot++
	case applier.Scheduled:
		t.scheduled++
	case applier.Expired:
		t.expired++
	case applier.Failed, applier.Skipped:
		if t.counted[e.Address] {
			if e.Result == applier.Failed {
				t.failed++
			} else {
				t.notSent++
			}
		}
		cause := failureCause(e)
		if _, ok := t.causes[cause]; !ok {
			t.order = append(t.order, cause)
		}
		t.causes[cause] = append(t.causes[cause], e.Address)
	}
	return true
}

// left is how many of the counted changes were not done: not finished
// yet, or, at the end, not sent (notSent of them not attempted).
func (t *tally) left() int {
	return max(0, t.total-t.sent-t.failed-t.forgot-t.scheduled-t.expired)
}

// failureCause is why e's change failed, without its address: the
// failures of one cause are listed together.
func failureCause(e applier.Event) string {
	if e.Err == nil {
		return e.Result.String()
	}
	return strings.TrimPrefix(e.Err.Error(), e.Address+": ")
}

// unsent is sum without the sends that were held instead of sent.
func (t *tally) unsent(sum planner.Summary) planner.Summary {
	sum.Send -= t.scheduled + t.expired
	return sum
}

// heldNote is what "Apply complete!" adds about the held sends, or "".
func (t *tally) heldNote() string {
	if t.scheduled+t.expired == 0 {
		return ""
	}
	return fmt.Sprintf(" Not sent: %d scheduled (lineup apply -due sends them when due), %d expired.", t.scheduled, t.expired)
}
