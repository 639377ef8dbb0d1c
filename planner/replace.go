package planner

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
)

// checkReplace reports every -replace address that names no send in cfg.
// These come from the command line, so the diagnostics have no Subject.
func checkReplace(cfg *lang.Config, replace []string) hcl.Diagnostics {
	if len(replace) == 0 {
		return nil
	}
	var addrs []string
	known := map[string]bool{}
	for _, s := range cfg.Sends {
		addrs = append(addrs, s.Address())
		known[s.Address()] = true
	}
	var diags hcl.Diagnostics
	for _, a := range replace {
		if known[a] {
			continue
		}
		detail := fmt.Sprintf("-replace=%s names no send in the configuration; "+
			"give the address of a send, such as push.welcome.", a)
		if s := suggest(a, addrs); s != "" {
			detail += fmt.Sprintf(" Did you mean %s?", s)
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Unknown address in -replace",
			Detail:   detail,
		})
	}
	return diags
}

// replacePending is the warning for -replace naming a send whose outcome
// is unknown.
func replacePending(send *lang.Send) *hcl.Diagnostic {
	r := send.DeclRange
	return &hcl.Diagnostic{
		Severity: hcl.DiagWarning,
		Summary:  "Unresolved send not replaced",
		Detail: fmt.Sprintf("-replace=%s was ignored: an earlier attempt may have been accepted, so apply "+
			"retries it with its retry key instead of sending it again with a new one.", send.Address()),
		Subject: &r,
	}
}

// suggest returns the candidate closest to s, if any is close enough to
// be a typo.
func suggest(s string, candidates []string) string {
	best, bestDist := "", 4
	for _, c := range candidates {
		if d := distance(s, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
