package planner

import (
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// Summary counts the plan's changes. Estimate sums the estimates of the
// sends that may send (Send and Unresolved); those that cannot be
// counted offline are counted in Uncounted and make EstimateKnown false.
// Audience changes are counted apart (Create, Update, Replace, Delete)
// and never in Estimate.
func (p *Plan) Summary() Summary {
	s := Summary{EstimateKnown: true, Quota: p.Quota}
	for _, ch := range p.Changes {
		if ch.IsAudience() {
			s.countAudience(ch)
			continue
		}
		switch ch.Action {
		case Send:
			s.Send++
		case Changed:
			s.Changed++
		case Forget:
			s.Forget++
		case Unresolved:
			s.Unresolved++
		case NoOp:
			s.Unchanged++
			if inProgress(ch.Prior) {
				s.InProgress++
			}
		}
		if ch.Action != Send && ch.Action != Unresolved {
			continue
		}
		if ch.Estimate < 0 {
			s.Uncounted++
			s.EstimateKnown = false
			continue
		}
		s.Estimate += ch.Estimate
	}
	for _, rc := range p.Replies {
		switch rc.Action {
		case Send:
			s.RepliesAdded++
		case Update:
			s.RepliesChanged++
		case Delete:
			s.RepliesRemoved++
		}
	}
	return s
}

// Replies counts the reply rules apply records or removes.
func (s Summary) Replies() int { return s.RepliesAdded + s.RepliesChanged + s.RepliesRemoved }

func (s *Summary) countAudience(ch *Change) {
	switch ch.Action {
	case Send:
		s.Create++
	case Update:
		s.Update++
	case Replace:
		s.Replace++
	case Delete:
		s.Delete++
	case NoOp:
		s.UnchangedAudiences++
	}
}

// inProgress reports whether rec is a narrowcast LINE accepted whose
// delivery has not finished.
func inProgress(rec *state.Record) bool {
	return rec != nil && rec.Status == state.Sent && rec.Progress != nil && !rec.Progress.Finished()
}

// Follows reports whether apply follows the delivery of this unchanged
// narrowcast: LINE accepted it, its delivery has not finished, and it
// has wait = true (an apply that followed it was interrupted, or it was
// sent with wait = false).
func (ch *Change) Follows() bool {
	return ch.Action == NoOp && ch.Send != nil && ch.Send.Kind == lang.KindNarrowcast && ch.Send.Wait && inProgress(ch.Prior)
}

// DeliveryFailed reports whether rec is a narrowcast LINE accepted whose
// delivery failed (progress phase "failed").
func DeliveryFailed(rec *state.Record) bool {
	return rec != nil && rec.Status == state.Sent && rec.Progress != nil && rec.Progress.Phase == "failed"
}

// Empty reports whether the plan shows nothing: every change is NoOp.
func (s Summary) Empty() bool {
	return s.Send+s.Changed+s.Forget+s.Unresolved+s.Create+s.Update+s.Replace+s.Delete+s.Replies() == 0
}
