package planner

// Summary counts the plan's changes. Estimate sums the estimates of the
// changes that may send (Send and Unresolved); those that cannot be
// counted offline are counted in Uncounted and make EstimateKnown false.
func (p *Plan) Summary() Summary {
	s := Summary{EstimateKnown: true}
	for _, ch := range p.Changes {
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
	return s
}

// Empty reports whether the plan shows nothing: every change is NoOp.
func (s Summary) Empty() bool {
	return s.Send+s.Changed+s.Forget+s.Unresolved == 0
}
