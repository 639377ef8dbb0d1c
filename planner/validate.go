package planner

import (
	"cmp"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/rules"
)

// validate checks send's body against LINE's rules; each problem is an
// error on the attribute at fault. hasUnknown says whether the body holds
// a lang.Unknown.
//
// A value known only after apply (lang.Unknown) cannot be checked yet. It
// is replaced by a placeholder valid where such values occur (they are
// IDs and tokens): a well-formed user ID in "to" (or an element of it), an
// audience group ID of 1 in a recipient's audienceGroupId, a one-character
// string elsewhere. So rules about where a value may be (a quoteToken on an
// image) are still checked, and rules about the value itself are left to
// apply, which checks the final body before sending.
func validate(send *lang.Send, hasUnknown bool) hcl.Diagnostics {
	body := send.Body
	if hasUnknown {
		body = placeholders(body)
		if id, whole := body["to"].(string); whole && send.Kind == "multicast" {
			body["to"] = []any{id} // a list not known yet, as validate sees an unset variable
		}
	}
	var problems []rules.Problem
	switch send.Kind {
	case "push":
		problems = rules.Push(body)
	case "multicast":
		problems = multicastProblems(body)
	case "narrowcast":
		problems = rules.Narrowcast(body)
	default:
		problems = rules.Broadcast(body)
	}
	var diags hcl.Diagnostics
	for _, p := range problems {
		detail := fmt.Sprintf("LINE would refuse %s: %s (at %s).", send.Address(), p.Message, p.Path)
		if p.Note != "" {
			detail += " " + p.Note
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  p.Summary,
			Detail:   detail,
			Subject:  subject(send, cmp.Or(p.At, p.Path)),
		})
	}
	return diags
}

// multicastProblems checks a multicast body of any number of users as
// the requests of at most MulticastChunk users apply sends: each chunk's
// "to" (problems at the index in the whole list), and the messages once.
func multicastProblems(body map[string]any) []rules.Problem {
	to, ok := body["to"].([]any)
	if !ok || len(to) <= MulticastChunk {
		return rules.Multicast(body)
	}
	var out []rules.Problem
	for start := 0; start < len(to); start += MulticastChunk {
		part := map[string]any{}
		for k, v := range body {
			part[k] = v
		}
		part["to"] = to[start:min(start+MulticastChunk, len(to))]
		for _, p := range rules.Multicast(part) {
			var i int
			if n, _ := fmt.Sscanf(p.Path, "to[%d]", &i); n == 1 {
				p.Path = fmt.Sprintf("to[%d]", start+i)
			} else if start > 0 {
				continue // reported for the first chunk
			}
			out = append(out, p)
		}
	}
	return out
}

// placeholders copies body with every lang.Unknown replaced as validate
// says.
func placeholders(body map[string]any) map[string]any {
	out, _ := lang.Rewrite("", body, func(p *lang.Path, v any) (any, bool) {
		if _, ok := lang.UnknownOf(v); !ok {
			return nil, false
		}
		path := p.String()
		switch {
		case path == "to" || strings.HasPrefix(path, "to["):
			return "U" + strings.Repeat("0", 32), true
		case strings.HasSuffix(path, ".audienceGroupId"):
			return 1.0, true
		}
		return "x", true
	}).(map[string]any)
	return out
}

// subject is the source range of the value at path, or of the nearest
// enclosing value lang recorded, or the send's block.
func subject(send *lang.Send, path string) *hcl.Range {
	r := send.RangeOf(path)
	return &r
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
