package planner

import (
	"fmt"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/rules"
	"github.com/lineupdev/lineup/planner/state"
)

// applyOrder returns the addresses of cfg's audiences and sends in apply
// order: each after what it depends on (Send.DependsOn,
// Audience.DependsOn). Audiences come first unless they depend on a send,
// then the sends in cfg.Sends order, pulled earlier only when an audience
// needs them.
func applyOrder(cfg *lang.Config) []string {
	deps := map[string][]string{}
	var all []string
	for _, a := range cfg.Audiences {
		deps[a.Address()] = a.DependsOn
		all = append(all, a.Address())
	}
	for _, s := range cfg.Sends {
		deps[s.Address()] = s.DependsOn
		all = append(all, s.Address())
	}
	var out []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(addr string)
	visit = func(addr string) {
		if _, known := deps[addr]; !known || state[addr] != 0 {
			return // not configured, done, or a cycle (lang reported it)
		}
		state[addr] = 1
		for _, d := range deps[addr] {
			visit(d)
		}
		state[addr] = 2
		out = append(out, addr)
	}
	for _, addr := range all {
		visit(addr)
	}
	return out
}

// distinctTo returns the user IDs of a multicast body's "to" without
// duplicates, in order, and false when it holds values not known yet.
func distinctTo(body map[string]any) ([]any, bool) {
	to, ok := body["to"].([]any)
	if !ok || lang.HasUnknown(to) {
		return nil, false
	}
	seen := map[any]bool{}
	var out []any
	for _, id := range to {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, true
}

// chunks is how many requests a multicast body takes (at least 1), each
// with its own retry key: those of rules.SplitMulticast.
func chunks(body map[string]any) int {
	to, _ := distinctTo(body)
	return rules.MulticastRequests(len(to))
}

// freshKeys sets a Send change's retry keys: one for a push, broadcast or
// narrowcast, one per request for a multicast.
func freshKeys(ch *Change, newKey func() string) {
	ch.RetryKey, ch.RetryKeys = "", nil
	if ch.Send.Kind != lang.KindMulticast {
		ch.RetryKey = newKey()
		return
	}
	for range chunks(ch.Send.Body) {
		ch.RetryKeys = append(ch.RetryKeys, newKey())
	}
}

// hasPendingPart reports whether a multicast record has a part whose
// outcome is unknown.
func hasPendingPart(rec *state.Record) bool {
	for _, p := range rec.Parts {
		if p.Status == state.Pending {
			return true
		}
	}
	return false
}

// partKeys makes ch the retry of a multicast with pending parts: its
// RetryKeys are the parts' keys, then fresh keys for requests no part
// was recorded for, and its keys expire with the earliest pending part's.
// It returns the expiry and the users of the parts not sent yet.
func partKeys(ch *Change, newKey func() string) (time.Time, int) {
	var expires time.Time
	users := 0
	for _, p := range ch.Prior.Parts {
		ch.RetryKeys = append(ch.RetryKeys, p.RetryKey)
		if p.Status == state.Sent {
			continue
		}
		users += p.Count
		if p.Status == state.Pending {
			if e := p.FirstAttempt.Add(KeyLifetime); expires.IsZero() || e.Before(expires) {
				expires = e
			}
		}
	}
	requests := rules.SplitMulticast(ch.Send.Body)
	_, known := distinctTo(ch.Send.Body)
	for i := len(ch.Prior.Parts); i < chunks(ch.Send.Body); i++ {
		ch.RetryKeys = append(ch.RetryKeys, newKey())
		if known && i < len(requests) {
			to, _ := requests[i]["to"].([]any)
			users += len(to)
		}
	}
	return expires, users
}

// progressReason describes a narrowcast's delivery that has not finished,
// for a NoOp change's Reason.
func progressReason(p *state.Progress, wait bool) string {
	r := p.Phase
	switch p.Phase {
	case "waiting":
		r = "waiting: LINE is preparing the delivery"
	case "sending":
		r = fmt.Sprintf("sending: %s of %s delivered", thousands(int(p.SuccessCount)), thousands(int(p.TargetCount)))
		if p.FailureCount > 0 {
			r += fmt.Sprintf(", %s failed", thousands(int(p.FailureCount)))
		}
	}
	if !p.CheckedAt.IsZero() {
		r += " (as of " + p.CheckedAt.UTC().Format(time.RFC3339) + ")"
	}
	if wait {
		return r + "; apply follows it until it finishes"
	}
	return r + "; wait = false, so apply does not follow it"
}
