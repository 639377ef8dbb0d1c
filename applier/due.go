package applier

import (
	"fmt"
	"time"

	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// hold records a send that is not due at the applier's clock as
// scheduled (with the digest of the reviewed body, and when it is due),
// or one past its not_after as expired, instead of sending it (see
// planner.When). It reports whether it did; a send held is done.
func (a *run) hold(ch *planner.Change, body map[string]any) (bool, error) {
	if ch.Action != planner.Send || ch.Send == nil {
		return false, nil
	}
	now := a.opts.Now()
	t := planner.When(ch.Send, a.cfg.Policy, now)
	if !t.Expired && t.Due.IsZero() {
		return false, nil
	}
	rec := &state.Record{Address: ch.Address, Status: state.Scheduled, Digest: planner.Digest(body),
		Due: t.Due.UTC(), NotAfter: ch.Send.Schedule.NotAfter.UTC()}
	result, detail := Scheduled, fmt.Sprintf("until %s (%s)", t.Due.Format("2006-01-02 15:04 MST"), t.Held)
	if t.Expired {
		rec.Status, rec.Due, result = state.Expired, time.Time{}, Expired
		detail = fmt.Sprintf("(not_after %s passed); never sent", ch.Send.Schedule.NotAfter.Format(time.RFC3339))
	}
	a.mu.Lock()
	if old := a.st.Sends[ch.Address]; old != nil && old.Status == state.Sent {
		old.ForgottenAt = now.UTC() // -replace of a sent send: the old record goes to history
		a.st.History = append(a.st.History, old)
	}
	a.st.Sends[ch.Address] = rec
	copied := *rec
	a.mu.Unlock()
	if err := a.journal.Put(&copied, true); err != nil {
		return true, fmt.Errorf("%s: recording it as %s: %w", ch.Address, rec.Status, err)
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: result, Detail: detail})
	return true, nil
}
