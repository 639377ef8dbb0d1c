package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/lineupdev/lineup/planner"
)

// dueLayout is how a plan shows the time a send is due, in the time zone
// it was given in (the quiet hours' zone when they hold it).
const dueLayout = "2006-01-02 15:04 MST"

// willBe is what the first comment line of a Send change says will
// happen: " will be sent", or scheduled, or recorded as expired.
func willBe(ch *planner.Change) string {
	switch {
	case ch.Policy.Expired:
		return " will not be sent"
	case !ch.Policy.Due.IsZero():
		return " will be scheduled"
	}
	return " will be sent"
}

// policyLines are the "# ..." lines the schedule, the policy and the
// rules add above a send change.
func policyLines(ch *planner.Change) []string {
	if ch.Action != planner.Send || ch.IsAudience() {
		return nil
	}
	n, a := ch.Policy, ch.Address
	var lines []string
	switch {
	case n.Expired:
		lines = append(lines, a+" has expired: its not_after has passed, so apply records it as expired and never sends it")
	case n.Held == "not_before":
		lines = append(lines, fmt.Sprintf("%s waits for its not_before, %s: apply records it as scheduled, "+
			"and lineup apply -due sends it then", a, n.Due.Format(dueLayout)))
	case n.Held != "":
		lines = append(lines, fmt.Sprintf("%s is held by the %s: it waits until %s (%s); apply records it as scheduled, "+
			"and lineup apply -due sends it then", a, n.Held, n.Due.Format("15:04 MST"), n.Due.Format(time.DateOnly)))
	}
	if n.Approval != "" {
		lines = append(lines, fmt.Sprintf("%s needs approval (%s): apply refuses it unless -approve=%s", a, n.Approval, a))
	}
	for _, r := range n.Rules {
		verb := "fails"
		if r.Warning {
			verb = "warns"
		}
		lines = append(lines, fmt.Sprintf("rule %q %s: %s", r.Rule, verb, r.Message))
	}
	return lines
}

// scheduledLines are the comment lines of the sends recorded as
// scheduled that the plan leaves as they are (NoOp), for the human plan.
func scheduledLines(p *planner.Plan) []string {
	var lines []string
	for _, ch := range p.Changes {
		if ch.Action == planner.NoOp && !ch.Policy.Due.IsZero() {
			lines = append(lines, fmt.Sprintf("%s is scheduled: lineup apply -due sends it from %s",
				ch.Address, ch.Policy.Due.Format(dueLayout)))
		}
	}
	return lines
}

// policyAction is what the policy adds to a send's action in the
// markdown table: " at TIME", " (expired, not sent)", " (needs approval)".
func policyAction(ch *planner.Change) string {
	if ch.Action != planner.Send || ch.IsAudience() {
		return ""
	}
	var b strings.Builder
	switch n := ch.Policy; {
	case n.Expired:
		b.WriteString(" (expired, never sent)")
	case !n.Due.IsZero():
		b.WriteString(" at " + n.Due.Format(dueLayout))
	}
	if ch.Policy.Approval != "" {
		b.WriteString(" (needs approval)")
	}
	for _, r := range ch.Policy.Rules {
		fmt.Fprintf(&b, " (rule %s)", r.Rule)
	}
	return b.String()
}

// policySummary is what the policy adds to the "Plan: ..." line: "; 1
// scheduled, 1 needs approval", or "".
func policySummary(p *planner.Plan) string {
	scheduled, expired, approval := p.PolicyCounts()
	var notes []string
	if scheduled > 0 {
		notes = append(notes, fmt.Sprintf("%d scheduled", scheduled))
	}
	if expired > 0 {
		notes = append(notes, fmt.Sprintf("%d expired", expired))
	}
	if approval > 0 {
		notes = append(notes, fmt.Sprintf("%d %s approval", approval, map[bool]string{true: "needs", false: "need"}[approval == 1]))
	}
	if len(notes) == 0 {
		return ""
	}
	return " Policy: " + strings.Join(notes, ", ") + "."
}
