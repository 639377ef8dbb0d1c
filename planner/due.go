package planner

import (
	"fmt"
	"sort"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// Refusal is a scheduled send lineup apply -due does not send, and why.
type Refusal struct {
	Address string
	Why     string
}

// Due is the plan of lineup apply -due: a Send change, with fresh retry
// keys, for every record of st scheduled and due at now, sorted by
// address, as long as the configuration still holds the body that
// was reviewed (the record's digest); the others are refused, and
// nothing is done with them. Waiting lists the scheduled records not due
// yet, sorted by address. Apply sends the changes, or records them
// expired past their not_after, or scheduled again when quiet hours hold
// them (planner.When at its own clock).
func Due(cfg *lang.Config, st *state.State, now time.Time, newKey func() string) (p *Plan, refused []Refusal, waiting []*state.Record) {
	p = &Plan{Lineage: st.Lineage, Serial: st.Serial, Now: now}
	sends := map[string]*lang.Send{}
	for _, s := range cfg.Sends {
		sends[s.Address()] = s
	}
	est := newEstimator(cfg, st)
	for _, addr := range sortedAddrs(st.Sends) {
		rec := st.Sends[addr]
		if rec.Status != state.Scheduled {
			continue
		}
		if rec.Due.After(now) {
			waiting = append(waiting, rec)
			continue
		}
		s := sends[addr]
		if why := unreviewed(s, rec); why != "" {
			refused = append(refused, Refusal{Address: addr, Why: why})
			continue
		}
		ch := &Change{Address: addr, Action: Send, Send: s, Prior: rec, Digest: rec.Digest, Estimate: est.estimate(s),
			Reason: "scheduled, and due since " + rec.Due.Format(time.RFC3339)}
		freshKeys(ch, newKey)
		p.Changes = append(p.Changes, ch)
	}
	return p, refused, waiting
}

// unreviewed says why the configuration of a due record is not what was
// reviewed, or "".
func unreviewed(s *lang.Send, rec *state.Record) string {
	switch {
	case s == nil:
		return "it is no longer in the configuration; nothing was sent"
	case lang.HasUnknown(s.Body):
		return "its body holds values known only after apply, so it cannot be compared with the body that was reviewed; nothing was sent"
	case Digest(s.Body) != rec.Digest:
		return fmt.Sprintf("its configuration changed after it was reviewed and scheduled (digest %.12s, scheduled %.12s): "+
			"a change nobody reviewed is never sent. Review the change with lineup plan, and schedule it again with lineup apply",
			Digest(s.Body), rec.Digest)
	case !s.Schedule.NotAfter.Equal(rec.NotAfter):
		return "its not_after changed after it was reviewed and scheduled: a change nobody reviewed is never sent. " +
			"Review the change with lineup plan, and schedule it again with lineup apply"
	}
	return ""
}

func sortedAddrs(m map[string]*state.Record) []string {
	out := make([]string, 0, len(m))
	for addr := range m {
		out = append(out, addr)
	}
	sort.Strings(out)
	return out
}
