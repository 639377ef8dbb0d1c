package planner

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// target keeps of p only the changes of targets (-target addresses:
// sends, audiences and reply rules, in the configuration or the state)
// and of what they depend on, as Terraform's -target does; the NoOp
// changes that repoint sends at a replaced audience stay, as they send
// nothing. An address that names nothing is an error.
func target(p *Plan, cfg *lang.Config, st *state.State, targets []string) hcl.Diagnostics {
	deps := map[string][]string{}
	for _, a := range cfg.Audiences {
		deps[a.Address()] = a.DependsOn
	}
	for _, s := range cfg.Sends {
		deps[s.Address()] = s.DependsOn
	}
	for _, r := range cfg.Replies() {
		deps["reply."+r.Name] = nil
	}
	known := map[string]bool{}
	for a := range deps {
		known[a] = true
	}
	for a := range st.Sends {
		known[a] = true
	}
	for a := range st.Audiences {
		known[a] = true
	}
	for name := range st.Replies {
		known["reply."+name] = true
	}
	var diags hcl.Diagnostics
	keep := map[string]bool{}
	var visit func(addr string)
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
		if !known[t] {
			diags = append(diags, unknownTarget(t, known))
			continue
		}
		visit(t)
	}
	p.Targets = slices.Clone(targets)
	p.Changes = slices.DeleteFunc(p.Changes, func(ch *Change) bool { return !keep[ch.Address] && !ch.Repoint })
	p.Replies = slices.DeleteFunc(p.Replies, func(rc *ReplyChange) bool { return !keep[rc.Address()] })
	return diags
}

func unknownTarget(t string, known map[string]bool) *hcl.Diagnostic {
	addrs := make([]string, 0, len(known))
	for a := range known {
		addrs = append(addrs, a)
	}
	slices.Sort(addrs)
	detail := fmt.Sprintf("-target=%s names nothing in the configuration or the state; give the address of a send, "+
		"an audience or a reply rule, such as push.welcome.", t)
	if s := suggest(t, addrs); s != "" {
		detail += fmt.Sprintf(" Did you mean %s?", s)
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown address in -target", Detail: detail}
}
