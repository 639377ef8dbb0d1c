package lang

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Policy is the policy block: the team's rules for what apply may send,
// and when. Its values are constants, so validate checks them offline.
type Policy struct {
	// QuietHours, when set, hold a send that would go out inside the
	// window until the window ends.
	QuietHours *QuietHours
	// MaxEstimatedMessages bounds the estimated messages of one apply, and
	// of what is left of the month's quota; 0 means no bound.
	MaxEstimatedMessages int
	MaxRange             hcl.Range
	// RequireApproval, when set, names the sends apply refuses unless
	// -approve names them.
	RequireApproval *RequireApproval
	DeclRange       hcl.Range
}

// QuietHours is a daily window, in a time zone, in which nothing is sent.
// From and To are minutes after midnight; the window runs from From up to
// (not including) To, across midnight when To is earlier than From.
type QuietHours struct {
	From, To int
	Zone     *time.Location
	// FromText and ToText are From and To as written ("21:00").
	FromText, ToText string
	DeclRange        hcl.Range
}

// RequireApproval says which sends need approval: those of Kinds, and
// those with more than EstimatedMessagesOver estimated messages (-1: no
// such bound).
type RequireApproval struct {
	Kinds                 []string
	EstimatedMessagesOver int
	DeclRange             hcl.Range
}

// sendKinds are the block types of the sends.
var sendKinds = []string{"push", "multicast", "broadcast", "narrowcast"}

var policySchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "max_estimated_messages"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "quiet_hours"}, {Type: "require_approval"}},
}

var quietHoursSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "from", Required: true}, {Name: "to", Required: true}, {Name: "time_zone", Required: true},
	},
}

var requireApprovalSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "kinds"}, {Name: "estimated_messages_over"}},
}

// addPolicy decodes the policy block into m.policy; a configuration has
// at most one.
func (m *module) addPolicy(block *hcl.Block) hcl.Diagnostics {
	if prev := m.policy; prev != nil {
		return secondBlock(block, prev.DeclRange, "A configuration has")
	}
	p := &Policy{DeclRange: block.DefRange}
	m.policy = p
	content, diags := bodyContent(block.Body, policySchema)
	if a := content.Attributes["max_estimated_messages"]; a != nil {
		p.MaxRange = a.Expr.Range()
		n, d := constCount(a, 1)
		p.MaxEstimatedMessages, diags = n, append(diags, d...)
	}
	seen := map[string]bool{}
	for _, b := range content.Blocks {
		if d := onlyOne(b, seen[b.Type]); d != nil {
			diags = append(diags, d)
			continue
		}
		seen[b.Type] = true
		switch b.Type {
		case "quiet_hours":
			var d hcl.Diagnostics
			p.QuietHours, d = decodeQuietHours(b)
			diags = append(diags, d...)
		case "require_approval":
			var d hcl.Diagnostics
			p.RequireApproval, d = decodeRequireApproval(b)
			diags = append(diags, d...)
		}
	}
	return diags
}

// onlyOne reports a second block of b's type in a policy block.
func onlyOne(b *hcl.Block, seen bool) *hcl.Diagnostic {
	if !seen {
		return nil
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Duplicate " + b.Type + " block",
		Detail:   fmt.Sprintf("A policy block holds at most one %s block.", b.Type),
		Subject:  b.DefRange.Ptr(),
	}
}

func decodeQuietHours(b *hcl.Block) (*QuietHours, hcl.Diagnostics) {
	content, diags := bodyContent(b.Body, quietHoursSchema)
	q := &QuietHours{DeclRange: b.DefRange}
	var zone string
	diags = append(diags, constString(content.Attributes["from"], &q.FromText)...)
	diags = append(diags, constString(content.Attributes["to"], &q.ToText)...)
	diags = append(diags, constString(content.Attributes["time_zone"], &zone)...)
	if diags.HasErrors() {
		return nil, diags
	}
	from, d := clockMinutes(content.Attributes["from"], q.FromText)
	diags = append(diags, d...)
	to, d := clockMinutes(content.Attributes["to"], q.ToText)
	diags = append(diags, d...)
	q.From, q.To = from, to
	loc, err := LoadZone(zone)
	if err != nil {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Unknown time zone",
			Detail:   strings.ToUpper(err.Error()[:1]) + err.Error()[1:] + ".",
			Subject:  content.Attributes["time_zone"].Expr.Range().Ptr(),
		})
	}
	q.Zone = loc
	if !diags.HasErrors() && from == to {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Quiet hours are empty",
			Detail:   fmt.Sprintf("from and to are both %s, so the window holds no time. Give the time the quiet hours end in to.", q.FromText),
			Subject:  content.Attributes["to"].Expr.Range().Ptr(),
		})
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return q, diags
}

// clockMinutes parses "HH:MM" (00:00 to 23:59) into minutes after
// midnight.
func clockMinutes(attr *hcl.Attribute, s string) (int, hcl.Diagnostics) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != len("15:04") {
		return 0, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid time of day",
			Detail:   fmt.Sprintf("The argument %q must be a time of day as HH:MM, from 00:00 to 23:59 (\"21:00\"), not %q.", attr.Name, s),
			Subject:  attr.Expr.Range().Ptr(),
		}}
	}
	return t.Hour()*60 + t.Minute(), nil
}

func decodeRequireApproval(b *hcl.Block) (*RequireApproval, hcl.Diagnostics) {
	content, diags := bodyContent(b.Body, requireApprovalSchema)
	ra := &RequireApproval{EstimatedMessagesOver: -1, DeclRange: b.DefRange}
	if a := content.Attributes["kinds"]; a != nil {
		kinds, d := constKinds(a)
		ra.Kinds, diags = kinds, append(diags, d...)
	}
	if a := content.Attributes["estimated_messages_over"]; a != nil {
		n, d := constCount(a, 0)
		ra.EstimatedMessagesOver, diags = n, append(diags, d...)
	}
	if content.Attributes["kinds"] == nil && content.Attributes["estimated_messages_over"] == nil {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Empty require_approval block",
			Detail:   "A require_approval block needs kinds, estimated_messages_over, or both: it says which sends need approval.",
			Subject:  b.DefRange.Ptr(),
		})
	}
	return ra, diags
}

// constKinds evaluates attr, which may not refer to anything, as a list
// of send kinds.
func constKinds(attr *hcl.Attribute) ([]string, hcl.Diagnostics) {
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() {
		return nil, diags
	}
	v, err := convert.Convert(v, cty.List(cty.String))
	if err != nil || v.IsNull() || !v.IsWhollyKnown() {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Incorrect attribute value type",
			Detail:   fmt.Sprintf("The argument %q must be a list of send kinds: %s.", attr.Name, quotedList(sendKinds)),
			Subject:  attr.Expr.Range().Ptr(),
		}}
	}
	var out []string
	for _, k := range v.AsValueSlice() {
		if k.IsNull() || !slices.Contains(sendKinds, k.AsString()) {
			given := "null"
			if !k.IsNull() {
				given = fmt.Sprintf("%q", k.AsString())
			}
			return nil, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Unknown send kind",
				Detail:   fmt.Sprintf("%s is not a send kind; the kinds are %s.", given, quotedList(sendKinds)),
				Subject:  attr.Expr.Range().Ptr(),
			}}
		}
		out = append(out, k.AsString())
	}
	return out, nil
}

// constCount evaluates attr, which may not refer to anything, as a whole
// number of at least least.
func constCount(attr *hcl.Attribute, least int) (int, hcl.Diagnostics) {
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() {
		return 0, diags
	}
	v, err := convert.Convert(v, cty.Number)
	bad := err != nil || v.IsNull() || !v.IsKnown()
	var n int64
	if !bad {
		bf := v.AsBigFloat()
		i, acc := bf.Int64()
		bad = acc != big.Exact || !bf.IsInt() || i < int64(least) || i > 1<<40
		n = i
	}
	if bad {
		return 0, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid message count",
			Detail:   fmt.Sprintf("The argument %q must be a whole number of at least %d.", attr.Name, least),
			Subject:  attr.Expr.Range().Ptr(),
		}}
	}
	return int(n), nil
}

// quotedList is `"a", "b" and "c"`.
func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// Quiet reports whether t falls in the quiet hours, and if so when they
// end: the first time at or after t outside the window.
func (q *QuietHours) Quiet(t time.Time) (bool, time.Time) {
	local := t.In(q.Zone)
	mins := local.Hour()*60 + local.Minute()
	in := q.From < q.To && mins >= q.From && mins < q.To ||
		q.From > q.To && (mins >= q.From || mins < q.To)
	if !in {
		return false, time.Time{}
	}
	day := local
	if mins >= q.To && q.From > q.To {
		day = local.AddDate(0, 0, 1) // after from, before midnight: ends tomorrow
	}
	end := time.Date(day.Year(), day.Month(), day.Day(), q.To/60, q.To%60, 0, 0, q.Zone)
	return true, end
}

// NeedsApproval says why a send of kind with estimate estimated messages
// (-1: not known offline) needs approval, or "" when it needs none.
func (ra *RequireApproval) NeedsApproval(kind string, estimate int) string {
	if ra == nil {
		return ""
	}
	if slices.Contains(ra.Kinds, kind) {
		return fmt.Sprintf("every %s needs approval", kind)
	}
	switch {
	case ra.EstimatedMessagesOver < 0:
	case estimate < 0:
		return fmt.Sprintf("its message count is not known offline, so it may be over %d", ra.EstimatedMessagesOver)
	case estimate > ra.EstimatedMessagesOver:
		return fmt.Sprintf("an estimated %d messages, over %d", estimate, ra.EstimatedMessagesOver)
	}
	return ""
}
