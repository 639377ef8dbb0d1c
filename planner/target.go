package planner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// applyTargets keeps in p only the changes of targets (Options.Targets)
// and of what they depend on, transitively: the sends and audiences whose
// values known after apply they use. A target may be a send or an
// audience of cfg, or an address only st has (its Forget or Delete).
// An address that is neither is an error; targeting at all is a warning,
// as a targeted plan leaves the rest of the configuration unapplied.
func applyTargets(cfg *lang.Config, st *state.State, p *Plan, targets []string) hcl.Diagnostics {
	if len(targets) == 0 {
		return nil
	}
	deps := map[string][]string{}
	for _, a := range cfg.Audiences {
		deps[a.Address()] = a.DependsOn
	}
	for _, s := range cfg.Sends {
		deps[s.Address()] = s.DependsOn
	}
	known := func(addr string) bool {
		_, inCfg := deps[addr]
		return inCfg || st.Sends[addr] != nil || st.Audiences[addr] != nil
	}
	var diags hcl.Diagnostics
	keep := map[string]bool{}
	var visit func(string)
	visit = func(addr string) {
		if keep[addr] {
			return
		}
		keep[addr] = true
		for _, d := range deps[addr] {
			visit(d)
		}
	}
	for _, t := range targets {
		if !known(t) {
			diags = append(diags, unknownTarget(t, deps, st))
			continue
		}
		visit(t)
	}
	p.Changes = slices.DeleteFunc(p.Changes, func(ch *Change) bool { return !keep[ch.Address] })
	return append(diags, &hcl.Diagnostic{
		Severity: hcl.DiagWarning,
		Summary:  "Targeting is in effect",
		Detail: fmt.Sprintf("The plan holds only %s and what they depend on; the rest of the configuration "+
			"is not planned, and may differ from what was applied. Use -target for exceptions, such as "+
			"sending one message ahead of the others, not as routine.", strings.Join(targets, ", ")),
	})
}

// unknownTarget is the error for a -target that names nothing.
func unknownTarget(t string, deps map[string][]string, st *state.State) *hcl.Diagnostic {
	var addrs []string
	for a := range deps {
		addrs = append(addrs, a)
	}
	for a := range st.Sends {
		addrs = append(addrs, a)
	}
	for a := range st.Audiences {
		addrs = append(addrs, a)
	}
	slices.Sort(addrs)
	detail := fmt.Sprintf("-target=%s names no send or audience in the configuration or the state; "+
		"give an address such as push.welcome or audience.vip.", t)
	if s := suggest(t, addrs); s != "" {
		detail += fmt.Sprintf(" Did you mean %s?", s)
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown address in -target", Detail: detail}
}
