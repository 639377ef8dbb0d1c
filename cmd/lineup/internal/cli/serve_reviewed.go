package cli

import (
	"fmt"
	"regexp"

	"github.com/lineupdev/lineup/applier/webhook"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// reviewedRules are the reply rules serve answers with: the rules as last
// applied (a plan showed them, a reviewer saw them), in the order of the
// configuration, then the applied rules the configuration no longer has,
// by name. rules are the configuration's, as serveRules made them. A
// rule the configuration changed since is answered in its applied
// version, or, when that version holds sensitive values (which the state
// does not keep), not at all; a rule never applied is not answered. It
// says so for each. With unreviewed, the configuration's rules as they
// are.
func reviewedRules(cfg *lang.Config, rules []webhook.Rule, st *state.State, unreviewed bool, s Streams) []webhook.Rule {
	if unreviewed {
		fmt.Fprintf(s.Out, "Answering with the reply rules of the configuration as they are (-unreviewed), "+
			"applied or not.\n")
		return rules
	}
	byName := make(map[string]webhook.Rule, len(rules))
	for _, r := range rules {
		byName[r.Name] = r
	}
	var out []webhook.Rule
	for _, rc := range planner.ReplyChanges(cfg, st) { // what a plan shows of each rule
		switch rc.Action {
		case planner.NoOp:
			out = append(out, byName[rc.Name])
		case planner.Send:
			fmt.Fprintf(s.Out, "reply.%s is not applied yet: not answered until lineup apply records it "+
				"(or run lineup serve -unreviewed).\n", rc.Name)
		case planner.Update:
			out = append(out, appliedRule(rc.Prior, "has changed since it was applied", s)...)
		case planner.Delete:
			out = append(out, appliedRule(rc.Prior, "is no longer in the configuration", s)...)
		}
	}
	return out
}

// appliedRule is the rule rec records, as applied, with a line saying
// why serve answers with it; none, with a line saying why, when rec holds
// sensitive values or is not a rule lineup can read.
func appliedRule(rec *state.Reply, why string, s Streams) []webhook.Rule {
	if len(rec.SensitiveDigests) > 0 {
		fmt.Fprintf(s.Out, "reply.%s %s, and its applied version holds sensitive values the state does not keep: "+
			"not answered until lineup apply records the new version.\n", rec.Name, why)
		return nil
	}
	match, _ := rec.Body["match"].(string)
	re, err := regexp.Compile(match)
	messages, ok := rec.Body["messages"].([]any)
	if err != nil || !ok {
		fmt.Fprintf(s.Out, "reply.%s %s, and its applied version cannot be read from the state: not answered.\n",
			rec.Name, why)
		return nil
	}
	fmt.Fprintf(s.Out, "reply.%s %s: answering with the version applied on %s until lineup apply records the "+
		"change.\n", rec.Name, why, rec.AppliedAt.UTC().Format("2006-01-02 15:04 MST"))
	quote, _ := rec.Body["quote"].(bool)
	silent, _ := rec.Body["notificationDisabled"].(bool)
	return []webhook.Rule{{Name: rec.Name, Match: re, Messages: messages, Quote: quote, NotificationDisabled: silent}}
}
