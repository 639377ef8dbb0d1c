package planner

import (
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// Results are the values known after apply of every sent send and every
// audience in st, by address, for lang.Options.Results and
// lang.Config.Evaluate.
func Results(st *state.State) map[string]lang.Result {
	out := map[string]lang.Result{}
	if st == nil {
		return out
	}
	for addr, rec := range st.Sends {
		if rec.Status != state.Sent {
			continue
		}
		r := lang.Result{RequestID: rec.RequestID}
		for _, m := range rec.Sent {
			r.Sent = append(r.Sent, lang.SentMessage{ID: m.ID, QuoteToken: m.QuoteToken})
		}
		for _, p := range rec.Parts {
			r.RequestIDs = append(r.RequestIDs, p.RequestID)
		}
		out[addr] = r
	}
	for addr, a := range st.Audiences {
		out[addr] = lang.Result{AudienceID: a.ID}
	}
	return out
}
