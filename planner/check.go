package planner

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/lang/parallel"
	"github.com/lineupdev/lineup/planner/state"
)

// checked is what Make works out for each send before deciding its
// change: the problems LINE would refuse it for, and its digest ("" when
// its body holds values known only after apply). A send sent before and
// unchanged since is not checked again: nothing will be sent for it, and
// LINE took it as it is.
type checked struct {
	diags  hcl.Diagnostics
	digest string
}

// checkSends checks every send on every core: each send's checks depend
// on nothing but the send.
func checkSends(sends []*lang.Send, st *state.State, replace map[string]bool) map[*lang.Send]checked {
	out := make([]checked, len(sends))
	parallel.For(len(sends), func(i int) {
		addr := sends[i].Address()
		out[i] = check(sends[i], st.Sends[addr], replace[addr])
	})
	bySend := make(map[*lang.Send]checked, len(sends))
	for i, s := range sends {
		bySend[s] = out[i]
	}
	return bySend
}

func check(send *lang.Send, prior *state.Record, replace bool) checked {
	var c checked
	hasUnknown := lang.HasUnknown(send.Body)
	if !hasUnknown {
		c.digest = digestKnown(send.Body)
	}
	unchanged := prior != nil && prior.Status == state.Sent && !hasPendingPart(prior) &&
		c.digest != "" && c.digest == prior.Digest
	if !unchanged || replace {
		c.diags = validate(send, hasUnknown)
	}
	return c
}
