package planner

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/rules"
)

// validate checks send's body against LINE's rules (rules.Check); each
// problem is an error on the attribute at fault. hasUnknown says whether
// the body holds a lang.Unknown.
//
// A value known only after apply (lang.Unknown) cannot be checked yet. It
// is replaced by a placeholder valid where such values occur (they are
// IDs and tokens): a well-formed user ID in "to" (or an element of it), an
// audience group ID of 1 in a recipient's audienceGroupId, a one-character
// string elsewhere. So rules about where a value may be (a quoteToken on an
// image) are still checked, and rules about the value itself are left to
// apply, which checks the final body with rules.Check before sending.
func validate(send *lang.Send, hasUnknown bool) hcl.Diagnostics {
	body := send.Body
	if hasUnknown {
		body = placeholders(body)
		if id, whole := body["to"].(string); whole && send.Kind == lang.KindMulticast {
			body["to"] = []any{id} // a list not known yet, as validate sees an unset variable
		}
	}
	return refusals(send.Address(), rules.Check(send.Kind, body), func(path string) hcl.Range {
		return send.RangeOf(path)
	})
}

// CheckReply checks the messages of a reply rule as serve sends them, with
// rules.Check: validate and plan refuse what serve would refuse, with the
// same diagnostics, on the reply block. Values known only after apply are
// replaced by placeholders, as for a send (serve refuses them itself: it
// cannot send them). The quote token serve adds with quote = true goes
// only on a message type that may quote, so no rule depends on it, and
// the reply token comes with each event.
func CheckReply(r *lang.Reply) hcl.Diagnostics {
	body := map[string]any{"messages": r.Messages}
	if r.NotificationDisabled {
		body["notificationDisabled"] = true
	}
	if lang.HasUnknown(body) {
		body = placeholders(body)
	}
	return refusals("the reply of reply."+r.Name, rules.Check(lang.KindReply, body), func(path string) hcl.Range {
		return lang.RangeAt(r.Ranges, path, r.DeclRange)
	})
}

// checkReplies checks every reply rule of cfg.
func checkReplies(cfg *lang.Config) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, r := range cfg.Replies() {
		diags = append(diags, CheckReply(r)...)
	}
	return diags
}

// refusals turns the problems of what (a send's address, or "the reply of
// reply.NAME") into error diagnostics, each at rangeOf its JSON path.
func refusals(what string, problems []rules.Problem, rangeOf func(path string) hcl.Range) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, p := range problems {
		detail := fmt.Sprintf("LINE would refuse %s: %s (at %s).", what, p.Message, p.Path)
		if p.Note != "" {
			detail += " " + p.Note
		}
		rng := rangeOf(cmp.Or(p.At, p.Path))
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  p.Summary,
			Detail:   detail,
			Subject:  &rng,
		})
	}
	return diags
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
