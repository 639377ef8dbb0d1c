package applier

import (
	"github.com/google/uuid"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// recordReplies records the plan's reply rules in the state, as applied:
// lineup serve answers with them from now on. Recording sends nothing,
// so it is done whatever became of the sends; an apply that ends before
// it leaves them for the next plan to show again.
func (a *run) recordReplies(p *planner.Plan) {
	now := a.opts.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, rc := range p.Replies {
		switch rc.Action {
		case planner.Send, planner.Update:
			if a.st.Replies == nil {
				a.st.Replies = map[string]*state.Reply{}
			}
			a.st.Replies[rc.Name] = rc.Record(now, uuid.NewString())
			a.opts.Report(Event{Address: rc.Address(), Action: rc.Action, Result: Recorded})
		case planner.Delete:
			delete(a.st.Replies, rc.Name)
			a.opts.Report(Event{Address: rc.Address(), Action: rc.Action, Result: Removed})
		}
	}
}
