package planner

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// estimator estimates how many messages LINE will count for a send
// (https://developers.line.biz/en/docs/messaging-api/pricing/: one per
// recipient person).
type estimator struct {
	// byAddr and byID are the member counts of the configured upload
	// audiences, by address and by the audience group ID the state
	// records for them (when its members are the configured ones).
	byAddr map[string]int
	byID   map[int64]int
}

func newEstimator(cfg *lang.Config, st *state.State) *estimator {
	e := &estimator{byAddr: map[string]int{}, byID: map[int64]int{}}
	for _, a := range cfg.Audiences {
		if a.UserIDs == nil {
			continue
		}
		e.byAddr[a.Address()] = a.UserIDs.Count
		if rec := st.Audiences[a.Address()]; rec != nil && rec.Digest == a.UserIDs.Digest {
			e.byID[rec.ID] = a.UserIDs.Count
		}
	}
	return e
}

// estimate is the message count of send, or -1 when it cannot be known
// offline:
//
//   - push: 1 to a user; a group or room counts its members (-1);
//   - multicast: its distinct users;
//   - broadcast: every friend (-1);
//   - narrowcast: when its recipient is exactly one upload audience and
//     it has no filter, that audience's size, capped by limit.max; else -1.
func (e *estimator) estimate(send *lang.Send) int {
	switch send.Kind {
	case lang.KindPush:
		to, ok := send.Body["to"].(string)
		if ok && strings.HasPrefix(to, "U") {
			return 1
		}
	case lang.KindMulticast:
		if to, ok := distinctTo(send.Body); ok {
			return len(to)
		}
	case lang.KindNarrowcast:
		return e.narrowcast(send.Body)
	}
	return -1
}

func (e *estimator) narrowcast(body map[string]any) int {
	rec, _ := body["recipient"].(map[string]any)
	if rec == nil || rec["type"] != "audience" || body["filter"] != nil {
		return -1
	}
	n, ok := -1, false
	switch id := rec["audienceGroupId"].(type) {
	case lang.Unknown:
		addr, isID := strings.CutSuffix(id.Ref, ".id")
		if isID {
			n, ok = e.byAddr[addr]
		}
	case float64:
		n, ok = e.byID[int64(id)]
	}
	if !ok {
		return -1
	}
	if limit, _ := body["limit"].(map[string]any); limit != nil {
		if max, isNum := limit["max"].(float64); isNum && int(max) < n {
			n = int(max)
		}
	}
	return n
}

// quotaWarning warns when the plan's estimate exceeds what is left of the
// month's quota (online only: p.Quota set, with a limit).
func quotaWarning(p *Plan) hcl.Diagnostics {
	if p.Quota == nil || p.Quota.Limit == 0 {
		return nil
	}
	sum := p.Summary()
	left := p.Quota.Left()
	if int64(sum.Estimate) <= left {
		return nil
	}
	est := thousands(sum.Estimate)
	if !sum.EstimateKnown {
		est = "at least " + est
	}
	return hcl.Diagnostics{{
		Severity: hcl.DiagWarning,
		Summary:  "Monthly message quota exceeded",
		Detail: fmt.Sprintf("The plan sends an estimated %s messages, but only %s are left this month (limit %s, %s used). "+
			"LINE refuses sends past the limit (429 \"You have reached your monthly limit.\"); a narrowcast can cap itself "+
			"with limit { up_to_remaining_quota = true }.",
			est, thousands(int(left)), thousands(int(p.Quota.Limit)), thousands(int(p.Quota.Used))),
	}}
}
