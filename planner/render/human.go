package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/lang/parallel"
	"github.com/lineupdev/lineup/planner"
)

// HumanOptions control the human renderer.
type HumanOptions struct {
	// Color adds ANSI colours: the change symbols (green +, yellow !,
	// red ., cyan ?) and bold headers.
	Color bool
}

// Human writes p in the Terraform manner: one block per change with its
// attributes, then the "Plan: ..." summary line, or a line starting with
// "No changes." when there is nothing to do. It returns the first error
// of w.
func Human(w io.Writer, p *planner.Plan, opts HumanOptions) error {
	h := &human{w: w, color: opts.Color, warnAll: true}
	sum := p.Summary()
	if sum.Empty() {
		unchanged := count(sum.Unchanged, "send", "sends")
		if sum.UnchangedAudiences > 0 {
			unchanged += " and " + count(sum.UnchangedAudiences, "audience", "audiences")
		}
		h.printf("%s The configuration matches the state (%s unchanged).\n",
			h.style(bold+green, "No changes."), unchanged)
		h.progress(p, "\n")
		for _, line := range scheduledLines(p) {
			h.printf("\n  %s\n", h.style(bold, "# "+line))
		}
		return h.err
	}
	if sum.Send+sum.Forget+sum.Unresolved+sum.Create+sum.Update+sum.Replace+sum.Delete+sum.Replies() > 0 {
		h.printf("lineup will perform the following actions:\n\n")
	} else {
		h.printf("lineup will send nothing; the configuration differs from what was sent:\n\n")
	}
	h.progress(p, "")
	for _, line := range scheduledLines(p) {
		h.printf("  %s\n\n", h.style(bold, "# "+line))
	}
	for _, block := range h.blocks(p.Changes) {
		if h.err == nil {
			_, h.err = h.w.Write(block)
		}
	}
	for _, rc := range p.Replies {
		if rc.Action != planner.NoOp {
			h.reply(rc)
			h.printf("\n")
		}
	}
	h.printf("%s%s\n", h.summary(sum), policySummary(p))
	if w := targetWarning(p); w != "" {
		h.printf("\n%s %s\n", h.style(bold+yellow, "Warning:"), w)
	}
	return h.err
}

// targetWarning says that a plan limited by -target is not the whole
// plan, or "".
func targetWarning(p *planner.Plan) string {
	if len(p.Targets) == 0 {
		return ""
	}
	return "this plan is limited to -target=" + strings.Join(p.Targets, ", -target=") + " and what they depend on: " +
		"other changes are not shown, and apply will not make them. Plan without -target to see everything."
}

// blocks renders the changes that do something, each followed by a blank
// line, on every core: a plan may hold thousands.
func (h *human) blocks(changes []*planner.Change) [][]byte {
	var shown []*planner.Change
	for _, ch := range changes {
		if ch.Action != planner.NoOp {
			shown = append(shown, ch)
		}
	}
	out := make([][]byte, len(shown))
	parallel.For(len(shown), func(i int) {
		var buf bytes.Buffer
		b := &human{w: &buf, color: h.color, warnAll: h.warnAll}
		b.change(shown[i])
		b.printf("\n")
		out[i] = buf.Bytes()
	})
	return out
}

// progress writes a comment line for every narrowcast whose delivery has
// not finished or failed, each after prefix, with a blank line after
// them.
func (h *human) progress(p *planner.Plan, prefix string) {
	notes := progressNotes(p)
	if len(notes) > 0 {
		h.printf("%s", prefix)
	}
	for _, n := range notes {
		h.printf("  %s\n", h.style(bold, "# "+n.address+n.text))
	}
	if len(notes) > 0 && prefix == "" {
		h.printf("\n")
	}
}

// progressNote says of a narrowcast that its delivery has not finished,
// or failed: text follows the address.
type progressNote struct{ address, text string }

// progressNotes are the notes of the narrowcasts whose delivery has not
// finished or failed (NoOp changes with a Reason), in plan order.
func progressNotes(p *planner.Plan) []progressNote {
	var notes []progressNote
	for _, ch := range p.Changes {
		if ch.Action != planner.NoOp || ch.IsAudience() || ch.Send == nil || ch.Send.Kind != lang.KindNarrowcast ||
			ch.Reason == "" || ch.Prior == nil || ch.Prior.Progress == nil {
			continue
		}
		what := " is still being delivered: "
		if planner.DeliveryFailed(ch.Prior) {
			what = " was accepted by LINE, but its delivery failed with "
		}
		notes = append(notes, progressNote{ch.Address, what + ch.Reason})
	}
	return notes
}

// human is one rendering in progress; it keeps the first write error.
type human struct {
	w     io.Writer
	color bool
	err   error
	// warnAll adds a warning line to sends that reach every friend
	// (markdown warns about them in its own way).
	warnAll bool
}

func (h *human) printf(format string, args ...any) {
	if h.err != nil {
		return
	}
	_, h.err = fmt.Fprintf(h.w, format, args...)
}

// change writes one change: its comment lines, then its block.
func (h *human) change(ch *planner.Change) {
	if ch.IsAudience() {
		h.audience(ch)
		return
	}
	lines := append(comments(ch), policyLines(ch)...)
	if h.warnAll && ch.Action == planner.Send && planner.ReachesAllFriends(ch.Send) {
		lines = append(lines, "WARNING: "+ch.Address+" goes to every friend of the channel")
	}
	for _, line := range lines {
		h.printf("  %s\n", h.style(bold, "# "+line))
	}
	kind, name, _ := strings.Cut(ch.Address, ".")
	sym := h.symbol(ch.Action)
	if ch.Send == nil {
		h.printf("  %s %s %q\n", sym, kind, name)
		return
	}
	attrSym := " "
	if ch.Action == planner.Send {
		attrSym = sym
	}
	h.printf("  %s %s %q {\n", sym, kind, name)
	if ch.Action == planner.Changed && len(ch.SentDiff) > 0 {
		h.sentDiff(ch.SentDiff)
		h.printf("    }\n")
		return
	}
	attrs := display(ch.Send)
	if ch.Action == planner.Send || ch.Action == planner.Unresolved {
		est := "(unknown offline)"
		if ch.Estimate >= 0 {
			est = fmt.Sprint(ch.Estimate)
		}
		attrs = append(attrs, lang.Named{Name: "estimated_messages", Value: rawText(est)})
	}
	h.printf("%s", named(attrs, 6, attrSym))
	h.printf("    }\n")
}

// sentDiff writes what changed since a send was sent, a line per
// attribute: "~ messages[0].text = "9pm" -> "10pm"", "=" aligned.
func (h *human) sentDiff(diff []planner.AttrChange) {
	width := 0
	for _, d := range diff {
		width = max(width, utf8.RuneCountInString(d.Path))
	}
	for _, d := range diff {
		before, after := scalar(d.Before), scalar(d.After)
		if d.Sensitive {
			before, after = sensitiveText, sensitiveText
		}
		text := after
		switch d.Op {
		case planner.AttrUpdate:
			text = before + " -> " + after
		case planner.AttrDelete:
			text = before
		}
		h.printf("      %s %s%s = %s\n", h.attrSymbol(d.Op), d.Path,
			strings.Repeat(" ", width-utf8.RuneCountInString(d.Path)), text)
	}
}

// attrSymbol is the symbol of an attribute's change, coloured.
func (h *human) attrSymbol(op planner.AttrOp) string {
	switch op {
	case planner.AttrCreate:
		return h.style(green, string(op))
	case planner.AttrDelete:
		return h.style(red, string(op))
	}
	return h.style(yellow, string(op))
}

// reply writes one reply rule's change: a comment line, then its block.
func (h *human) reply(rc *planner.ReplyChange) {
	sym := h.symbol(rc.Action)
	if rc.Action == planner.Update {
		sym = h.style(yellow, "~")
	}
	h.printf("  %s\n", h.style(bold, "# "+replyComment(rc)))
	if rc.Action == planner.Delete {
		h.printf("  %s reply %q\n", sym, rc.Name)
		return
	}
	h.printf("  %s reply %q {\n", sym, rc.Name)
	if rc.Action == planner.Update && len(rc.Diff) > 0 {
		h.sentDiff(rc.Diff)
	} else {
		h.printf("%s", named(lang.SendNames(masked(rc.Rule)), 6, sym))
	}
	h.printf("    }\n")
}

// replyComment says what apply does with a reply rule.
func replyComment(rc *planner.ReplyChange) string {
	a := rc.Address()
	switch rc.Action {
	case planner.Send:
		return a + " will be recorded: lineup serve answers with it once this is applied"
	case planner.Update:
		return a + " has changed since it was applied: lineup serve answers with the applied version until this is applied"
	case planner.Delete:
		return a + " will be removed: lineup serve stops answering with it once this is applied"
	}
	return a + " is unchanged"
}

// comments are the "# ..." lines above a change's block.
func comments(ch *planner.Change) []string {
	a := ch.Address
	switch ch.Action {
	case planner.Send:
		line := a + willBe(ch) // policy.go
		if ch.Replace {
			line += " again"
		}
		if ch.Reason != "" {
			line += ": " + ch.Reason
		}
		return []string{line}
	case planner.Changed:
		line := a + " has changed since it was sent"
		if ch.Prior != nil && !ch.Prior.SentAt.IsZero() {
			line += " on " + ch.Prior.SentAt.UTC().Format(time.DateOnly)
		}
		if ch.Prior != nil && ch.Prior.RequestID != "" {
			line += " (request " + ch.Prior.RequestID + ")"
		}
		return []string{line + "; nothing will be sent", "(use -replace=" + a + " to send it again)"}
	case planner.Forget:
		return []string{a + " will be forgotten: " + ch.Reason + " (no message is affected)"}
	case planner.Unresolved:
		return []string{a + " is unresolved: " + ch.Reason}
	}
	return []string{a + ": " + ch.Reason}
}

// summary is the "Plan: ..." line.
func (h *human) summary(s planner.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s to send, %s to create, %s to update, %s to replace, %s to delete, %s to forget",
		h.style(bold, "Plan:"), thousands(s.Send), thousands(s.Create), thousands(s.Update), thousands(s.Replace),
		thousands(s.Delete), thousands(s.Forget))
	var notes []string
	if s.Changed > 0 {
		notes = append(notes, thousands(s.Changed)+" changed after sending (not sent)")
	}
	if s.Unresolved > 0 {
		notes = append(notes, thousands(s.Unresolved)+" unresolved")
	}
	if len(notes) > 0 {
		b.WriteString("; " + strings.Join(notes, ", "))
	}
	if s.Replies() > 0 {
		fmt.Fprintf(&b, "; reply rules: %s to add, %s to change, %s to remove",
			thousands(s.RepliesAdded), thousands(s.RepliesChanged), thousands(s.RepliesRemoved))
	}
	b.WriteString(". Estimated messages: ")
	q := s.Quota
	if s.Uncounted == 0 {
		b.WriteString(thousands(s.Estimate))
		switch {
		case q != nil && q.Limit == 0:
			b.WriteString(" (no monthly limit)")
		case q != nil:
			b.WriteString(" of " + thousands(int(q.Left())) + " left this month")
		}
		return b.String() + "."
	}
	known := "unknown"
	if s.Estimate > 0 {
		known = "at least " + thousands(s.Estimate)
	}
	uncounted := "1 send to a group, room or audience cannot"
	if s.Uncounted > 1 {
		uncounted = thousands(s.Uncounted) + " sends to groups, rooms or audiences cannot"
	}
	fmt.Fprintf(&b, "%s (%s be counted offline)", known, uncounted)
	switch {
	case q != nil && q.Limit == 0:
		b.WriteString("; no monthly limit")
	case q != nil:
		b.WriteString("; " + thousands(int(q.Left())) + " left this month")
	}
	return b.String() + "."
}

// count is "1 send" or "3 sends".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// Thousands writes n as every plan format writes numbers, with comma
// separators: 1,207.
func Thousands(n int) string { return thousands(n) }

// thousands writes n with comma separators: 1,207.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
)

// style wraps s in the ANSI codes when colour is on.
func (h *human) style(codes, s string) string {
	if !h.color {
		return s
	}
	return codes + s + reset
}

// symbol is the action's symbol, coloured.
func (h *human) symbol(a planner.Action) string {
	switch a {
	case planner.Send:
		return h.style(green, string(a))
	case planner.Changed:
		return h.style(yellow, string(a))
	case planner.Forget, planner.Delete, planner.Replace:
		return h.style(red, string(a))
	case planner.Update:
		return h.style(yellow, string(a))
	case planner.Unresolved:
		return h.style(cyan, string(a))
	}
	return string(a)
}

// audience writes one audience change: its comment lines, then its block
// with description and members; for an Update, "old -> new".
func (h *human) audience(ch *planner.Change) {
	_, name, _ := strings.Cut(ch.Address, ".")
	for _, line := range audienceComments(ch) {
		h.printf("  %s\n", h.style(bold, "# "+line))
	}
	sym := h.symbol(ch.Action)
	if ch.Audience == nil {
		h.printf("  %s audience %q\n", sym, name)
		return
	}
	h.printf("  %s audience %q {\n", sym, name)
	a, prior := ch.Audience, ch.PriorAudience
	type attr struct {
		sym, name, value string
	}
	attrs := []attr{{" ", "description", scalar(a.Description)}}
	if ch.Action == planner.Update && prior != nil {
		attrs[0] = attr{h.symbol(planner.Update), "description", scalar(prior.Description) + " -> " + scalar(a.Description)}
	}
	inner := " "
	if ch.Action == planner.Send {
		inner = sym
	}
	members := attr{" ", "user_ids", scalar(idSetText(a.UserIDs))}
	switch {
	case a.Click != nil:
		members = attr{" ", "click", value(retarget(a.Click, true), 6, inner)}
	case a.Impression != nil:
		members = attr{" ", "impression", value(retarget(a.Impression, false), 6, inner)}
	}
	if ch.Action == planner.Replace && prior != nil && a.UserIDs != nil && prior.Kind == "upload" {
		was := fmt.Sprintf("%s IDs (sha256 %s)", thousands(prior.Count), short(prior.Digest))
		members = attr{h.symbol(planner.Update), members.name, scalar(was) + " -> " + members.value}
	}
	attrs = append(attrs, members)
	width := 0
	for _, at := range attrs {
		width = max(width, len(at.name))
	}
	for _, at := range attrs {
		if ch.Action == planner.Send {
			at.sym = sym
		}
		h.printf("      %s %-*s = %s\n", at.sym, width, at.name, at.value)
	}
	h.printf("    }\n")
}

// audienceComments are the "# ..." lines above an audience change.
func audienceComments(ch *planner.Change) []string {
	a := ch.Address
	id := ""
	if ch.PriorAudience != nil {
		id = fmt.Sprintf("audience group %d", ch.PriorAudience.ID)
	}
	switch ch.Action {
	case planner.Send:
		return []string{a + " will be created"}
	case planner.Update:
		return []string{a + " will be renamed (" + id + "): " + ch.Reason}
	case planner.Replace:
		return []string{a + " will be replaced: " + ch.Reason,
			"(a new audience is created and used by what depends on it; then " + id + " is deleted)"}
	case planner.Delete:
		return []string{a + " will be deleted on LINE (" + id + "): " + ch.Reason}
	}
	return []string{a + ": " + ch.Reason}
}
