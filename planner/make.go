package planner

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// KeyLifetime is how long LINE remembers a retry key from its first
// request: an Unresolved change can be retried safely until then.
const KeyLifetime = 24 * time.Hour

// Make computes the plan for cfg against st. It validates every send
// against LINE's rules; problems are error diagnostics on the attribute at
// fault (values known only after apply are checked by apply instead). A
// -replace address that names no send is an error too.
//
// Make is a pure function of its inputs: opts.Now and opts.NewKey are
// called (once, and once per fresh retry key, in change order), so fixed
// ones give the same plan every time. A nil opts.Now means time.Now and a
// nil opts.NewKey means uuid.NewString; a nil st means an empty state.
//
// The plan comes back even with error diagnostics, for display; it must
// not be applied then.
//
// For each send, in cfg.Sends order:
//
//   - not in st: Send, with a fresh retry key;
//   - sent, same digest: NoOp; when -replace names it: Send with Replace;
//   - sent, different digest: Changed; when -replace names it: Send with
//     Replace and a fresh retry key;
//   - sent, body holding values known only after apply: NoOp, as there is
//     nothing to compare yet (the Reason says so); -replace still applies;
//   - pending: Unresolved with the record's retry key, whatever -replace
//     says (sending with a fresh key could deliver it twice).
//
// Then every record in st.Sends not in cfg: Forget, sorted by address.
func Make(cfg *lang.Config, st *state.State, opts Options) (*Plan, hcl.Diagnostics) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.NewKey == nil {
		opts.NewKey = uuid.NewString
	}
	if st == nil {
		st = &state.State{}
	}
	p := &Plan{Lineage: st.Lineage, Serial: st.Serial, Now: opts.Now()}
	diags := checkReplace(cfg, opts.Replace)
	replace := map[string]bool{}
	for _, a := range opts.Replace {
		replace[a] = true
	}
	inConfig := map[string]bool{}
	for _, send := range cfg.Sends {
		addr := send.Address()
		inConfig[addr] = true
		diags = append(diags, validate(send)...)
		ch, d := change(send, st.Sends[addr], replace[addr], p.Now, opts.NewKey)
		diags = append(diags, d...)
		p.Changes = append(p.Changes, ch)
	}
	p.Changes = append(p.Changes, forgets(st, inConfig)...)
	return p, diags
}

// change decides what to do with one send, given its record (nil when it
// was never attempted).
func change(send *lang.Send, prior *state.Record, replace bool, now time.Time, newKey func() string) (*Change, hcl.Diagnostics) {
	ch := &Change{Address: send.Address(), Send: send, Prior: prior}
	_, hasUnknown := findUnknown(send.Body)
	if !hasUnknown {
		ch.Digest = Digest(send.Body)
	}
	switch {
	case prior == nil:
		ch.Action, ch.RetryKey = Send, newKey()
	case prior.Status == state.Pending:
		if unresolved(ch, now) {
			ch.Estimate = estimate(send)
		}
		if replace {
			return ch, hcl.Diagnostics{replacePending(send)}
		}
	case replace:
		ch.Action, ch.RetryKey, ch.Replace = Send, newKey(), true
		ch.Reason = "replaced on request"
	case hasUnknown:
		ch.Action = NoOp
		ch.Reason = "sent before; its body holds values known only after apply, so it is not compared"
	case prior.Digest == ch.Digest:
		ch.Action = NoOp
	default:
		ch.Action = Changed
		ch.Reason = "the configuration changed since it was sent; nothing will be sent"
	}
	if ch.Action == Send {
		ch.Estimate = estimate(send)
	}
	return ch, nil
}

// unresolved makes ch the retry of a pending record. It reports whether
// apply will retry it: not when the key expired or the body changed.
func unresolved(ch *Change, now time.Time) bool {
	ch.Action = Unresolved
	ch.RetryKey = ch.Prior.RetryKey
	ch.KeyExpires = ch.Prior.FirstAttempt.Add(KeyLifetime)
	left := ch.KeyExpires.Sub(now)
	if left <= 0 {
		ch.Reason = fmt.Sprintf("a request may have been accepted; its retry key expired at %s, so apply will not retry it; "+
			"check on LINE whether it was delivered and resolve it by hand",
			ch.KeyExpires.UTC().Format(time.RFC3339))
		return false
	}
	ch.Reason = fmt.Sprintf("a request may have been accepted; its retry key is valid for %s more", humanDuration(left))
	if ch.Digest != "" && ch.Prior.Digest != "" && ch.Digest != ch.Prior.Digest {
		ch.Reason += "; but the configuration changed since the attempt, so apply will refuse to retry it " +
			"until the configuration is restored"
		return false
	}
	return true
}

// humanDuration formats d for people, to the minute: "23h10m", "45m", "0m".
func humanDuration(d time.Duration) string {
	m := int(d / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%dm", m)
	}
	return fmt.Sprintf("%dh%02dm", m/60, m%60)
}

// estimate is how many messages LINE will count for send, or -1 when it
// cannot be known offline: a push to a group or room counts its members,
// which only the API can tell; so does a broadcast or a narrowcast.
func estimate(send *lang.Send) int {
	switch send.Kind {
	case "push":
		to, ok := send.Body["to"].(string)
		if ok && strings.HasPrefix(to, "U") {
			return 1
		}
	case "multicast":
		if to, ok := send.Body["to"].([]any); ok && !containsUnknown(to) {
			return len(to)
		}
	}
	return -1
}

func containsUnknown(v any) bool {
	_, ok := findUnknown(v)
	return ok
}

// forgets are the changes for records whose send left the configuration,
// sorted by address.
func forgets(st *state.State, inConfig map[string]bool) []*Change {
	var addrs []string
	for addr := range st.Sends {
		if !inConfig[addr] {
			addrs = append(addrs, addr)
		}
	}
	sort.Strings(addrs)
	var out []*Change
	for _, addr := range addrs {
		out = append(out, &Change{
			Address: addr,
			Action:  Forget,
			Reason:  "it is no longer in the configuration",
			Prior:   st.Sends[addr],
		})
	}
	return out
}
