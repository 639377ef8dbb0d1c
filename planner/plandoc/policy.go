package plandoc

import (
	"time"

	"github.com/lineupdev/lineup/planner"
)

// Policy is what the schedule, the policy and the rules say of a send
// (planner.PolicyNotes).
type Policy struct {
	// Due is when the send may go out, when later than the plan's time
	// (RFC 3339, in the time zone it was given in); HeldBy says what holds
	// it: "not_before" or the quiet hours.
	Due    *time.Time `json:"due,omitempty"`
	HeldBy string     `json:"held_by,omitempty"`
	// Expired: past not_after; apply records it expired, never sends it.
	Expired bool `json:"expired,omitempty"`
	// NeedsApproval says why apply refuses the send unless -approve names
	// it. A saved plan records it: applying the plan needs the approval.
	NeedsApproval string `json:"needs_approval,omitempty"`
	// Rules are the rules the send does not meet.
	Rules []Rule `json:"rules,omitempty"`
}

// Rule is a rule a send does not meet; Severity is "error" or "warning".
type Rule struct {
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// fromPolicy is the document's policy of a change, nil when it has none.
func fromPolicy(n planner.PolicyNotes) *Policy {
	if n.Due.IsZero() && !n.Expired && n.Approval == "" && len(n.Rules) == 0 {
		return nil
	}
	p := &Policy{HeldBy: n.Held, Expired: n.Expired, NeedsApproval: n.Approval}
	if !n.Due.IsZero() {
		due := n.Due
		p.Due = &due
	}
	for _, r := range n.Rules {
		sev := "error"
		if r.Warning {
			sev = "warning"
		}
		p.Rules = append(p.Rules, Rule{Name: r.Rule, Severity: sev, Message: r.Message})
	}
	return p
}

// notes are the planner's notes of p (nil: none).
func (p *Policy) notes() planner.PolicyNotes {
	if p == nil {
		return planner.PolicyNotes{}
	}
	n := planner.PolicyNotes{Held: p.HeldBy, Expired: p.Expired, Approval: p.NeedsApproval}
	if p.Due != nil {
		n.Due = *p.Due
	}
	for _, r := range p.Rules {
		n.Rules = append(n.Rules, planner.RuleFailure{Rule: r.Name, Warning: r.Severity == "warning", Message: r.Message})
	}
	return n
}
