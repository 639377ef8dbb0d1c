package planner

import (
	"fmt"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// AudienceKind is the state's kind of a configured audience: "upload",
// "click" or "impression".
func AudienceKind(a *lang.Audience) string {
	switch {
	case a.Click != nil:
		return "click"
	case a.Impression != nil:
		return "impression"
	}
	return "upload"
}

// audienceChange decides what to do with one configured audience, given
// its state record (nil when lineup has not created it):
//
//   - not in state: Send, which creates it;
//   - another kind, or other members (digest): Replace; LINE cannot
//     remove members, so apply creates a new audience and deletes the old;
//   - a click or impression audience built from a send not sent yet:
//     Replace, as its members will come from the new send;
//   - only the description changed: Update, a rename;
//   - else NoOp.
func audienceChange(a *lang.Audience, prior *state.Audience) *Change {
	ch := &Change{Address: a.Address(), Audience: a, PriorAudience: prior, Estimate: -1}
	if a.UserIDs != nil {
		ch.Estimate = a.UserIDs.Count
	}
	digest := AudienceDigest(a)
	ch.Digest = digest
	known := digest != ""
	kind := AudienceKind(a)
	switch {
	case prior == nil:
		ch.Action, ch.Reason = Send, "will be created"
	case prior.Kind != kind:
		ch.Action = Replace
		ch.Reason = fmt.Sprintf("it was %s audience and is now %s audience", article(prior.Kind), article(kind))
	case !known:
		ch.Action = Replace
		ch.Reason = "the send it is built from will be sent first; the audience is built again from it"
	case digest != prior.Digest && kind == "upload":
		ch.Action = Replace
		ch.Reason = fmt.Sprintf("its members changed (%s IDs, was %s); LINE cannot remove members", thousands(a.UserIDs.Count), thousands(prior.Count))
	case digest != prior.Digest:
		ch.Action = Replace
		ch.Reason = "the request ID or URL it is built from changed"
	case a.Description != prior.Description:
		ch.Action = Update
		ch.Reason = fmt.Sprintf("its description changes from %q to %q", prior.Description, a.Description)
	default:
		ch.Action = NoOp
	}
	if ch.Action != Send && ch.Action != Replace {
		ch.Estimate = 0
	}
	return ch
}

// audienceDeletes are the changes for audiences in st that are no longer
// configured, sorted by address.
func audienceDeletes(st *state.State, inConfig map[string]*lang.Audience) []*Change {
	var out []*Change
	for _, addr := range gone(st.Audiences, inConfig) {
		out = append(out, &Change{
			Address:       addr,
			Action:        Delete,
			Reason:        "it is no longer in the configuration",
			PriorAudience: st.Audiences[addr],
		})
	}
	return out
}

// article puts "a" or "an" before a kind of audience.
func article(kind string) string {
	if kind == "upload" || kind == "impression" {
		return "an " + kind
	}
	return "a " + kind
}

// thousands writes n with comma separators: 1,207.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
