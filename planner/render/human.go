package render

import (
	"fmt"
	"io"
	"strings"
	"time"

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
	h := &human{w: w, color: opts.Color}
	sum := p.Summary()
	if sum.Empty() {
		h.printf("%s The configuration matches the state (%s unchanged).\n",
			h.style(bold+green, "No changes."), count(sum.Unchanged, "send", "sends"))
		return h.err
	}
	if sum.Send+sum.Forget+sum.Unresolved > 0 {
		h.printf("lineup will perform the following actions:\n\n")
	} else {
		h.printf("lineup will send nothing; the configuration differs from what was sent:\n\n")
	}
	for _, ch := range p.Changes {
		if ch.Action == planner.NoOp {
			continue
		}
		h.change(ch)
		h.printf("\n")
	}
	h.printf("%s\n", h.summary(sum))
	return h.err
}

// human is one rendering in progress; it keeps the first write error.
type human struct {
	w     io.Writer
	color bool
	err   error
}

func (h *human) printf(format string, args ...any) {
	if h.err != nil {
		return
	}
	_, h.err = fmt.Fprintf(h.w, format, args...)
}

// change writes one change: its comment lines, then its block.
func (h *human) change(ch *planner.Change) {
	for _, line := range comments(ch) {
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
	h.printf("%s", attributes(masked(ch.Send), 6, attrSym))
	if ch.Action == planner.Send || ch.Action == planner.Unresolved {
		est := "(unknown offline)"
		if ch.Estimate >= 0 {
			est = fmt.Sprint(ch.Estimate)
		}
		h.printf("      %s estimated_messages = %s\n", attrSym, est)
	}
	h.printf("    }\n")
}

// comments are the "# ..." lines above a change's block.
func comments(ch *planner.Change) []string {
	a := ch.Address
	switch ch.Action {
	case planner.Send:
		line := a + " will be sent"
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
	fmt.Fprintf(&b, "%s %d to send, 0 to create, 0 to update, 0 to replace, 0 to delete, %d to forget",
		h.style(bold, "Plan:"), s.Send, s.Forget)
	var notes []string
	if s.Changed > 0 {
		notes = append(notes, fmt.Sprintf("%d changed after sending (not sent)", s.Changed))
	}
	if s.Unresolved > 0 {
		notes = append(notes, fmt.Sprintf("%d unresolved", s.Unresolved))
	}
	if len(notes) > 0 {
		b.WriteString("; " + strings.Join(notes, ", "))
	}
	b.WriteString(". Estimated messages: ")
	switch {
	case s.Uncounted == 0:
		b.WriteString(thousands(s.Estimate) + ".")
	default:
		known := "unknown"
		if s.Estimate > 0 {
			known = "at least " + thousands(s.Estimate)
		}
		uncounted := "1 send to a group, room or audience cannot"
		if s.Uncounted > 1 {
			uncounted = fmt.Sprintf("%d sends to groups, rooms or audiences cannot", s.Uncounted)
		}
		fmt.Fprintf(&b, "%s (%s be counted offline).", known, uncounted)
	}
	return b.String()
}

// count is "1 send" or "3 sends".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

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
	case planner.Forget:
		return h.style(red, string(a))
	case planner.Unresolved:
		return h.style(cyan, string(a))
	}
	return string(a)
}
