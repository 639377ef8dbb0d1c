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

// Make computes the plan for cfg against st. It validates every send, and
// every reply rule as serve sends it, against LINE's rules (rules.Check);
// problems are error diagnostics on the attribute at fault (values known
// only after apply are checked by apply instead). A
// -replace address that names no send is an error too. With opts.Quota
// set, an estimate past what is left of the month's quota is a warning.
//
// Make is a pure function of its inputs: opts.Now and opts.NewKey are
// called (once, and once per fresh retry key, in change order), so fixed
// ones give the same plan every time. A nil opts.Now means time.Now and a
// nil opts.NewKey means uuid.NewString; a nil st means an empty state.
//
// The plan comes back even with error diagnostics, for display; it must
// not be applied then.
//
// Changes are in apply order (see applyOrder). For each send:
//
//   - not in st: Send, with a fresh retry key (a multicast: one per
//     request of at most 500 users, in RetryKeys);
//   - sent, same digest: NoOp; when -replace names it: Send with Replace;
//     a narrowcast whose delivery has not finished says so in Reason;
//   - sent, different digest: Changed; when -replace names it: Send with
//     Replace and fresh retry keys;
//   - sent, body holding values known only after apply: NoOp, as there is
//     nothing to compare yet (the Reason says so); -replace still applies;
//   - pending (a multicast: any part pending): Unresolved with the
//     record's retry keys, whatever -replace says (sending with a fresh
//     key could deliver it twice).
//
// For each audience, see audienceChange; a send that uses an audience
// being replaced, see repoint.go. Then every record in st.Sends
// not in cfg: Forget, and every audience in st.Audiences not in cfg:
// Delete, each sorted by address.
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
	p := &Plan{Lineage: st.Lineage, Serial: st.Serial, Now: opts.Now(), Quota: opts.Quota}
	diags := append(checkReplace(cfg, opts.Replace), checkReplies(cfg)...)
	m := &maker{now: p.Now, newKey: opts.NewKey, est: newEstimator(cfg, st), replace: map[string]bool{}}
	for _, a := range opts.Replace {
		m.replace[a] = true
	}
	sends := map[string]*lang.Send{}
	for _, s := range cfg.Sends {
		sends[s.Address()] = s
	}
	audiences := map[string]*lang.Audience{}
	for _, a := range cfg.Audiences {
		audiences[a.Address()] = a
	}
	checks := checkSends(cfg.Sends, st, m.replace)
	replaced := map[string]int64{} // audiences replaced so far: address -> ID in the state
	for _, addr := range applyOrder(cfg) {
		if a := audiences[addr]; a != nil {
			ch := audienceChange(a, st.Audiences[addr])
			if ch.Action == Replace {
				replaced[addr] = ch.PriorAudience.ID
			}
			p.Changes = append(p.Changes, ch)
			continue
		}
		send := sends[addr]
		c := checks[send]
		diags = append(diags, c.diags...)
		ch, d := m.change(send, st.Sends[addr], c)
		m.repoint(ch, replaced) // repoint.go
		diags = append(diags, d...)
		p.Changes = append(p.Changes, ch)
	}
	p.Changes = append(p.Changes, forgets(st, sends)...)
	p.Changes = append(p.Changes, audienceDeletes(st, audiences)...)
	p.Replies = ReplyChanges(cfg, st)
	if len(opts.Targets) > 0 {
		diags = append(diags, target(p, cfg, st, opts.Targets)...)
	}
	return p, append(diags, applyPolicy(cfg, p)...)
}

// maker holds what deciding the change of one send needs.
type maker struct {
	now     time.Time
	newKey  func() string
	est     *estimator
	replace map[string]bool
}

// change decides what to do with one send, given its record (nil when it
// was never attempted) and its checks.
func (m *maker) change(send *lang.Send, prior *state.Record, c checked) (*Change, hcl.Diagnostics) {
	ch := &Change{Address: send.Address(), Send: send, Prior: prior, Digest: c.digest}
	hasUnknown := c.digest == ""
	replace := m.replace[ch.Address]
	switch {
	case prior == nil:
		ch.Action = Send
	case prior.Status == state.Pending || hasPendingPart(prior):
		if m.unresolved(ch) {
			ch.Estimate = m.est.estimate(send)
			if len(prior.Parts) > 0 {
				_, ch.Estimate = partKeys(&Change{Send: send, Prior: prior}, func() string { return "" })
			}
		}
		if replace {
			return ch, hcl.Diagnostics{replacePending(send)}
		}
		return ch, nil
	case !replace && (prior.Status == state.Scheduled || prior.Status == state.Expired) && scheduledChange(ch, prior):
	case replace:
		ch.Action, ch.Replace = Send, true
		ch.Reason = "replaced on request"
	case !replace && prior.Status == state.Scheduled:
		ch.Action = Send // scheduledChange gave the reason
	case hasUnknown:
		ch.Action = NoOp
		ch.Reason = "sent before; its body holds values known only after apply, so it is not compared"
	case prior.Digest == ch.Digest:
		ch.Action = NoOp
		if inProgress(prior) {
			ch.Reason = progressReason(prior.Progress, send.Wait)
		} else if DeliveryFailed(prior) {
			ch.Reason = fmt.Sprintf("error code %d: %s; apply -replace=%s sends it again",
				prior.Progress.ErrorCode, strings.TrimSuffix(prior.Progress.FailedDescription, "."), ch.Address)
		}
	default:
		ch.Action = Changed
		ch.Reason = "the configuration changed since it was sent; nothing will be sent"
		ch.SentDiff = SentDiff(prior, send)
	}
	if ch.Action == Send {
		freshKeys(ch, m.newKey)
		ch.Estimate = m.est.estimate(send)
	}
	return ch, nil
}

// unresolved makes ch the retry of a pending record (for a multicast, of
// its pending parts). It reports whether apply will retry it: not when
// the key expired or the body changed.
func (m *maker) unresolved(ch *Change) bool {
	ch.Action = Unresolved
	if len(ch.Prior.Parts) > 0 {
		ch.KeyExpires, _ = partKeys(ch, m.newKey)
	} else {
		ch.RetryKey = ch.Prior.RetryKey
		ch.KeyExpires = ch.Prior.FirstAttempt.Add(KeyLifetime)
	}
	left := ch.KeyExpires.Sub(m.now)
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

// forgets are the changes for records whose send left the configuration,
// sorted by address.
func forgets(st *state.State, inConfig map[string]*lang.Send) []*Change {
	var out []*Change
	for _, addr := range gone(st.Sends, inConfig) {
		out = append(out, &Change{
			Address: addr,
			Action:  Forget,
			Reason:  "it is no longer in the configuration",
			Prior:   st.Sends[addr],
		})
	}
	return out
}

// gone returns, sorted, the addresses in the state that the configuration
// no longer has.
func gone[S, C any](inState map[string]S, inConfig map[string]C) []string {
	var addrs []string
	for addr := range inState {
		if _, ok := inConfig[addr]; !ok {
			addrs = append(addrs, addr)
		}
	}
	sort.Strings(addrs)
	return addrs
}
