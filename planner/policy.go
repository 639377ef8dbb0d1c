package planner

import (
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// PolicyNotes are what the configuration's schedule, policy and rules say
// of one send change.
type PolicyNotes struct {
	// Due, when set, is when the send may go out, later than the plan's
	// Now: its not_before, or the end of the quiet hours it falls in.
	// Apply records it as scheduled with its digest, and lineup apply -due
	// sends it then. For an unchanged scheduled record, the recorded time.
	Due time.Time
	// Held says, for display, what holds it until Due: "not_before", or
	// "quiet hours 21:00-08:00 Asia/Tokyo".
	Held string
	// Expired is true for a send past its not_after: apply records it as
	// expired and never sends it.
	Expired bool
	// Approval says why the send needs approval (require_approval); ""
	// when it needs none. Apply refuses it unless -approve names it.
	Approval string
	// Rules are the rules the send does not meet.
	Rules []RuleFailure
}

// RuleFailure is a rule a send does not meet.
type RuleFailure struct {
	Rule    string
	Warning bool // severity = "warning": the plan does not fail
	Message string
}

// Timing is when a send may go out: Due (zero: at once) and what holds
// it, or Expired.
type Timing struct {
	Due     time.Time
	Held    string
	Expired bool
}

// When is the timing of send at now under the policy pol (nil: none):
// past not_after it is expired; before not_before it is due then; a time
// in the quiet hours moves it to their end. Plan and apply both use it,
// each with its own clock.
func When(send *lang.Send, pol *lang.Policy, now time.Time) Timing {
	var t Timing
	sch := send.Schedule
	if !sch.NotAfter.IsZero() && !now.Before(sch.NotAfter) {
		return Timing{Expired: true}
	}
	at := now
	if sch.NotBefore.After(now) {
		at, t.Due, t.Held = sch.NotBefore, sch.NotBefore, "not_before"
	}
	if pol != nil && pol.QuietHours != nil {
		q := pol.QuietHours
		if quiet, end := q.Quiet(at); quiet {
			t.Due = end
			t.Held = fmt.Sprintf("quiet hours %s-%s %s", q.FromText, q.ToText, q.Zone)
		}
	}
	return t
}

// scheduledChange decides the change of a send whose record is Scheduled
// or Expired (and that -replace does not name): ok is false when ch is
// left to the usual rules (a scheduled send whose body changed is
// scheduled again, as a Send, once reviewed).
func scheduledChange(ch *Change, prior *state.Record) bool {
	switch {
	case prior.Status == state.Expired:
		ch.Action = NoOp
		ch.Reason = "expired: its not_after passed before it was sent; it is never sent"
		ch.Policy.Expired = true
	case prior.Digest == ch.Digest:
		ch.Action = NoOp
		ch.Reason = "scheduled: lineup apply -due sends it from " + prior.Due.UTC().Format(time.RFC3339)
		ch.Policy.Due = prior.Due
	default:
		ch.Reason = "it was scheduled, and the configuration changed since; apply records the new body in its place"
		return false
	}
	return true
}

// applyPolicy sets the policy notes of the plan's changes and checks the
// message budget; it returns the rules' and the budget's diagnostics. It
// warns as quotaWarning does when the policy sets no budget.
func applyPolicy(cfg *lang.Config, p *Plan) hcl.Diagnostics {
	var diags hcl.Diagnostics
	broken := map[string]bool{} // rules whose own mistake was reported, by name
	for _, ch := range p.Changes {
		if ch.IsAudience() || ch.Send == nil || ch.Action != Send {
			continue
		}
		t := When(ch.Send, cfg.Policy, p.Now)
		ch.Policy.Due, ch.Policy.Held, ch.Policy.Expired = t.Due, t.Held, t.Expired
		if t.Expired {
			ch.Estimate = 0 // it will not be sent
			continue
		}
		diags = append(diags, expiresFirst(ch.Send, t)...)
		if cfg.Policy != nil {
			ch.Policy.Approval = cfg.Policy.RequireApproval.NeedsApproval(string(ch.Send.Kind), ch.Estimate)
		}
		diags = append(diags, checkRules(cfg.Rules, ch, broken)...)
	}
	if cfg.Policy == nil || cfg.Policy.MaxEstimatedMessages == 0 {
		return append(diags, quotaWarning(p)...)
	}
	return append(diags, budget(cfg.Policy, p)...)
}

// expiresFirst warns when a send held until t.Due would expire before.
func expiresFirst(s *lang.Send, t Timing) hcl.Diagnostics {
	na := s.Schedule.NotAfter
	if t.Due.IsZero() || na.IsZero() || t.Due.Before(na) {
		return nil
	}
	return hcl.Diagnostics{{
		Severity: hcl.DiagWarning,
		Summary:  "Send expires before it is due",
		Detail: fmt.Sprintf("%s waits until %s (%s), but its not_after is %s: it will be recorded as expired and never sent.",
			s.Address(), t.Due.Format(time.RFC3339), t.Held, na.Format(time.RFC3339)),
		Subject: s.Schedule.NotAfterRange.Ptr(),
	}}
}

// checkRules evaluates every rule for the send of ch: a rule it does not
// meet is a diagnostic on the send, of the rule's severity. A mistake in
// a rule itself is reported once, for the first send: broken records the
// rules reported.
func checkRules(rules []*lang.Rule, ch *Change, broken map[string]bool) hcl.Diagnostics {
	var diags hcl.Diagnostics
	s := ch.Send
	facts := lang.SendFacts{Kind: string(s.Kind), Address: ch.Address, Messages: s.Body["messages"],
		EstimatedMessages: ch.Estimate, NotBefore: s.Schedule.NotBefore, Recipients: recipients(s)}
	for _, r := range rules {
		msg, d := r.Check(facts)
		if len(d) > 0 && !broken[r.Name] {
			broken[r.Name] = true
			diags = append(diags, d...)
		}
		if msg == "" {
			continue
		}
		if showsSensitive(s, msg) {
			msg = fmt.Sprintf("The send does not meet rule %q. (Its error_message would show a sensitive value, so it is not shown.)", r.Name)
		}
		ch.Policy.Rules = append(ch.Policy.Rules, RuleFailure{Rule: r.Name, Warning: r.Severity == hcl.DiagWarning, Message: msg})
		summary := fmt.Sprintf("Rule %q failed", r.Name)
		if r.Severity == hcl.DiagWarning {
			summary = fmt.Sprintf("Rule %q warns", r.Name)
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: r.Severity,
			Summary:  summary,
			Detail:   fmt.Sprintf("%s: %s\n\nThe rule is declared at %s:%d.", ch.Address, msg, r.DeclRange.Filename, r.DeclRange.Start.Line),
			Subject:  s.DeclRange.Ptr(),
		})
	}
	return diags
}

// showsSensitive reports whether msg holds a value of s at one of its
// sensitive paths (Send.Sensitive), which no output may show.
func showsSensitive(s *lang.Send, msg string) bool {
	if len(s.Sensitive) == 0 {
		return false
	}
	found := false
	lang.Walk("", s.Body, func(p *lang.Path, v any) bool {
		if p.IsRoot() || !p.In(s.Sensitive) {
			return true
		}
		lang.Walk("", v, func(_ *lang.Path, leaf any) bool {
			text := ""
			switch leaf := leaf.(type) {
			case string:
				text = leaf
			case float64, bool:
				text = fmt.Sprint(leaf)
			}
			found = found || text != "" && strings.Contains(msg, text)
			return !found
		})
		return !found
	})
	return found
}

// recipients are the user IDs of a push to a user or of a multicast, nil
// for other sends.
func recipients(s *lang.Send) []string {
	switch s.Kind {
	case "push":
		if to, ok := s.Body["to"].(string); ok {
			return []string{to}
		}
	case "multicast":
		if to, ok := distinctTo(s.Body); ok {
			out := make([]string, 0, len(to))
			for _, id := range to {
				if id, ok := id.(string); ok {
					out = append(out, id)
				}
			}
			return out
		}
	}
	return nil
}

// budget fails the plan when its estimate is over max_estimated_messages,
// or over what is left of the month's quota (when it was read).
func budget(pol *lang.Policy, p *Plan) hcl.Diagnostics {
	sum := p.Summary()
	est := thousands(sum.Estimate)
	if !sum.EstimateKnown {
		est = "at least " + est
	}
	where := fmt.Sprintf("max_estimated_messages at %s:%d", pol.MaxRange.Filename, pol.MaxRange.Start.Line)
	var diags hcl.Diagnostics
	if sum.Estimate > pol.MaxEstimatedMessages {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Message budget exceeded",
			Detail: fmt.Sprintf("The plan sends an estimated %s messages, but the policy allows %s in one apply (%s).",
				est, thousands(pol.MaxEstimatedMessages), where),
			Subject: pol.MaxRange.Ptr(),
		})
	}
	if q := p.Quota; q != nil && q.Limit > 0 && int64(sum.Estimate) > q.Left() {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Monthly message quota exceeded",
			Detail: fmt.Sprintf("The plan sends an estimated %s messages, but only %s are left this month (limit %s, %s used), "+
				"and the policy (%s) allows no more than is left.",
				est, thousands(int(q.Left())), thousands(int(q.Limit)), thousands(int(q.Used)), where),
			Subject: pol.MaxRange.Ptr(),
		})
	}
	return diags
}

// NeedApproval returns the addresses of the changes that need approval
// and -approve does not name, in plan order.
func (p *Plan) NeedApproval(approved []string) []string {
	ok := map[string]bool{}
	for _, a := range approved {
		ok[a] = true
	}
	var out []string
	for _, ch := range p.Changes {
		if ch.Policy.Approval != "" && ch.Action == Send && !ok[ch.Address] {
			out = append(out, ch.Address)
		}
	}
	return out
}

// PolicyCounts counts the plan's sends that are scheduled, expired or
// need approval, for the renderers' summaries.
func (p *Plan) PolicyCounts() (scheduled, expired, approval int) {
	for _, ch := range p.Changes {
		if ch.Action != Send {
			continue
		}
		switch {
		case ch.Policy.Expired:
			expired++
		case !ch.Policy.Due.IsZero():
			scheduled++
		}
		if ch.Policy.Approval != "" {
			approval++
		}
	}
	return scheduled, expired, approval
}
