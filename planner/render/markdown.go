package render

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
)

// MarkdownMarker is the first line of every markdown plan, hidden when
// rendered, so a bot can find the comment it posted before and update it.
const MarkdownMarker = "<!-- lineup-plan -->"

// MarkdownLimit is the default bound on a markdown plan's size: GitHub
// refuses comments over 65,536 characters.
const MarkdownLimit = 65000

// maxWarned is how many sends to all friends the warning names.
const maxWarned = 10

// MarkdownOptions control the markdown renderer.
type MarkdownOptions struct {
	// Limit bounds the output, in bytes (so also in characters); 0 means
	// MarkdownLimit. The marker, the warning and the summary line are
	// always written; the table and the details are cut, with a note,
	// to stay under it.
	Limit int
	// Dir and Commit, when set, say what was planned: the configuration
	// directory (relative to the repository) and the commit checked out.
	Dir, Commit string
	// Thumbnail, when set, gives the URL of a send's picture (lineup
	// preview -png), or "" for a change that has none; each picture is
	// shown, linked to itself, after the table.
	Thumbnail func(address string) string
}

// heading is the marker, the title and the line saying what was planned.
func (o MarkdownOptions) heading(title string) string {
	h := MarkdownMarker + "\n### " + title + "\n\n"
	switch {
	case o.Dir != "" && o.Commit != "":
		h += fmt.Sprintf("Planned from %s at commit %s.\n\n", code(o.Dir), code(o.Commit))
	case o.Dir != "":
		h += fmt.Sprintf("Planned from %s.\n\n", code(o.Dir))
	case o.Commit != "":
		h += fmt.Sprintf("Planned at commit %s.\n\n", code(o.Commit))
	}
	return h
}

// Markdown writes p for a pull-request comment: the marker, a title, a
// warning when a send goes to every friend of the channel (a broadcast,
// or a narrowcast with no recipient), the summary line, a table of the
// changes with their recipients and estimated messages, then each change
// as the human renderer shows it, in a collapsible <details> section.
// It returns the first error of w.
func Markdown(w io.Writer, p *planner.Plan, opts MarkdownOptions) error {
	limit := opts.Limit
	if limit <= 0 {
		limit = MarkdownLimit
	}
	var b strings.Builder
	b.WriteString(opts.heading("lineup plan"))
	h := &human{}
	sum := p.Summary()
	if sum.Empty() {
		fmt.Fprintf(&b, "**No changes.** The configuration matches the state (%s unchanged).\n",
			count(sum.Unchanged, "send", "sends"))
		for i, line := range scheduledLines(p) { // policy.go
			if i == 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "- %s\n", line)
		}
		if notes := markdownNotes(p); notes != "" {
			b.WriteString("\n" + notes)
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	var listed []*planner.Change
	for _, ch := range p.Changes {
		if ch.Action != planner.NoOp {
			listed = append(listed, ch)
		}
	}
	if w := targetWarning(p); w != "" {
		b.WriteString("> [!WARNING]\n> " + w + "\n\n")
	}
	b.WriteString(allFriendsWarning(listed))
	fmt.Fprintf(&b, "**%s**%s\n\n", h.summary(sum), policySummary(p))
	if notes := markdownNotes(p); notes != "" {
		b.WriteString(notes + "\n")
	}
	// Room for the notes that say what was cut.
	budget := limit - 400
	entries := make([]entry, 0, len(listed))
	for _, ch := range listed {
		entries = append(entries, entry{row: func() string { return tableRow(ch) }, details: func() string { return details(ch) }})
	}
	for _, rc := range p.Replies {
		if rc.Action != planner.NoOp {
			entries = append(entries, entry{row: func() string { return replyRow(rc) }, details: func() string { return replyDetails(rc) }})
		}
	}
	rows := 0
	b.WriteString("| | Address | Action | Recipients | Estimated messages |\n| --- | --- | --- | --- | ---: |\n")
	for _, e := range entries {
		row := e.row()
		if b.Len()+len(row) > budget {
			break
		}
		b.WriteString(row)
		rows++
	}
	if rows < len(entries) {
		more, noun := len(entries)-rows, "changes"
		if more == 1 {
			noun = "change"
		}
		fmt.Fprintf(&b, "\n_%s more %s not listed, to keep this comment under %s characters. "+
			"`lineup show` on the saved plan prints all of them._\n", thousands(more), noun, thousands(limit))
	}
	b.WriteString("\n")
	if opts.Thumbnail != nil {
		b.WriteString(thumbnails(listed[:rows], opts.Thumbnail, budget-b.Len()))
	}
	shown := 0
	for _, e := range entries[:rows] {
		d := e.details()
		if b.Len()+len(d) > budget {
			break
		}
		b.WriteString(d)
		shown++
	}
	if shown < rows {
		fmt.Fprintf(&b, "_Details of %s left out, to keep this comment under %s characters. "+
			"`lineup show` on the saved plan prints them._\n", count(rows-shown, "change", "changes"), thousands(limit))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// entry is a change or a reply rule as the comment lists it: its table
// row and its details, made when they are written.
type entry struct{ row, details func() string }

// replyRow is a reply rule's row of the table.
func replyRow(rc *planner.ReplyChange) string {
	sym, what := string(rc.Action), "record reply rule"
	switch rc.Action {
	case planner.Update:
		sym, what = "~", "record changed reply rule"
	case planner.Delete:
		what = "remove reply rule"
	}
	return fmt.Sprintf("| %s | %s | %s | users who write a matching message | — |\n", code(sym), code(rc.Address()), what)
}

// replyDetails is a reply rule's collapsible section.
func replyDetails(rc *planner.ReplyChange) string {
	var buf bytes.Buffer
	h := &human{w: &buf}
	h.reply(rc)
	return detailsSection("<code>"+html.EscapeString(rc.Address())+"</code> reply rule", buf.String())
}

// allFriendsWarning is the caution block naming the sends that go to
// every friend of the channel, or "".
func allFriendsWarning(listed []*planner.Change) string {
	var addrs []string
	for _, ch := range listed {
		if ch.Action == planner.Send && planner.ReachesAllFriends(ch.Send) {
			addrs = append(addrs, ch.Address)
		}
	}
	if len(addrs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("> [!CAUTION]\n> **This plan sends to every friend of the channel.** Check the messages below before approving; " +
		"they cannot be taken back:\n")
	for i, a := range addrs {
		if i == maxWarned {
			fmt.Fprintf(&b, "> - and %s more\n", thousands(len(addrs)-maxWarned))
			break
		}
		fmt.Fprintf(&b, "> - %s\n", code(a))
	}
	return b.String() + "\n"
}

// tableRow is the change's row of the table.
func tableRow(ch *planner.Change) string {
	est := "—"
	if ch.IsAudience() { // its count is of members, not messages
		return fmt.Sprintf("| %s | %s | %s | %s | %s |\n", code(string(ch.Action)), code(ch.Address), actionText(ch), members(ch), est)
	}
	if ch.Action == planner.Send || ch.Action == planner.Unresolved {
		est = "unknown offline"
		if ch.Estimate >= 0 {
			est = thousands(ch.Estimate)
		}
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %s |\n",
		code(string(ch.Action)), code(ch.Address), actionText(ch), recipients(ch), est)
}

// actionText says what apply does with the change, in a few words.
func actionText(ch *planner.Change) string {
	if ch.IsAudience() {
		switch ch.Action {
		case planner.Send:
			return "create"
		case planner.Update:
			return "rename"
		case planner.Replace:
			return "replace"
		case planner.Delete:
			return "delete"
		}
		return "no change"
	}
	switch ch.Action {
	case planner.Send:
		if ch.Replace {
			return "send again" + policyAction(ch)
		}
		return "send" + policyAction(ch)
	case planner.Changed:
		return "changed after sending; not sent"
	case planner.Forget:
		return "forget"
	case planner.Unresolved:
		return "unresolved"
	}
	return "no change"
}

// members describes the members of an audience being created.
func members(ch *planner.Change) string {
	a := ch.Audience
	switch {
	case a == nil || ch.Action == planner.Delete:
		return "—"
	case a.UserIDs != nil && a.UserIDs.Count == 1:
		return "1 member"
	case a.UserIDs != nil:
		return thousands(a.UserIDs.Count) + " members"
	case a.Click != nil:
		return "who clicked"
	case a.Impression != nil:
		return "who saw"
	}
	return "—"
}

// recipients describes who the send reaches.
func recipients(ch *planner.Change) string {
	s := ch.Send
	if s == nil {
		return "—"
	}
	if planner.ReachesAllFriends(s) {
		return "**all friends**"
	}
	if s.Kind == lang.KindNarrowcast {
		return "an audience (narrowcast)"
	}
	to, ok := masked(s)["to"]
	switch to := to.(type) {
	case sensitiveValue:
		return sensitiveText
	case lang.Unknown:
		return "_" + knownAfterApply + "_"
	case string:
		return code(to)
	case []any:
		return count(len(to), "user", "users")
	}
	if !ok {
		return "—"
	}
	return code(scalar(to))
}

// markdownNotes lists the narrowcasts still being delivered or whose
// delivery failed, as the human plan says them, or "".
func markdownNotes(p *planner.Plan) string {
	var b strings.Builder
	for _, n := range progressNotes(p) {
		fmt.Fprintf(&b, "- %s%s\n", code(n.address), n.text)
	}
	return b.String()
}

// details is the change's collapsible section: the human rendering of the
// change in a diff code block, so GitHub colours its +, - and ! lines.
func details(ch *planner.Change) string {
	var buf bytes.Buffer
	h := &human{w: &buf}
	h.change(ch)
	return detailsSection("<code>"+html.EscapeString(string(ch.Action)+" "+ch.Address)+"</code> "+
		html.EscapeString(actionText(ch)), buf.String())
}

// detailsSection is a collapsible section titled summary (HTML) around
// block, a part of the human plan, in a diff code block.
func detailsSection(summary, block string) string {
	block = diffMarkers(block)
	fence := strings.Repeat("`", max(3, longestRun(block, '`')+1))
	return fmt.Sprintf("<details><summary>%s</summary>\n\n%sdiff\n%s%s\n\n</details>\n\n", summary, fence, block, fence)
}

// diffMarkers moves the +, - and ! that open an indented line of the
// human plan to its first column, where a diff code block looks for
// them; the line keeps its width and its text its column. An attribute's
// ~ (changed) becomes !, which the diff block colours as a change.
func diffMarkers(block string) string {
	lines := strings.Split(block, "\n")
	for i, line := range lines {
		rest := strings.TrimLeft(line, " ")
		indent := len(line) - len(rest)
		if indent == 0 || len(rest) < 2 || !strings.ContainsRune("+-!~", rune(rest[0])) || rest[1] != ' ' {
			continue
		}
		mark := strings.Replace(rest[:1], "~", "!", 1)
		lines[i] = mark + line[1:indent] + " " + rest[1:]
	}
	return strings.Join(lines, "\n")
}

// code is s as a markdown code span that is safe in a table cell.
func code(s string) string {
	ticks := strings.Repeat("`", longestRun(s, '`')+1)
	s = strings.ReplaceAll(s, "|", `\|`)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return ticks + s + ticks
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// MarkdownFailed writes the comment of a plan that failed: the marker,
// so it replaces the comment of an earlier plan of the branch, a title,
// and errors, the diagnostics as lineup printed them, in a code block.
func MarkdownFailed(w io.Writer, errors string, opts MarkdownOptions) error {
	var b strings.Builder
	b.WriteString(opts.heading("lineup plan failed"))
	b.WriteString("> [!WARNING]\n> **lineup could not make a plan**, so nothing can be applied from this commit. " +
		"Fix the errors below and push again.\n\n")
	errors = strings.TrimRight(errors, "\n")
	if errors != "" {
		fence := strings.Repeat("`", max(3, longestRun(errors, '`')+1))
		fmt.Fprintf(&b, "%stext\n%s\n%s\n", fence, errors, fence)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// thumbnails is the preview section: each listed send's picture, linked
// to itself, within budget bytes; "" when no change has one.
func thumbnails(listed []*planner.Change, url func(string) string, budget int) string {
	var b strings.Builder
	for _, ch := range listed {
		u := url(ch.Address)
		if u == "" {
			continue
		}
		u = html.EscapeString(u)
		img := fmt.Sprintf("<a href=\"%s\"><img src=\"%s\" width=\"240\" alt=\"%s\"></a>\n", u, u, html.EscapeString(ch.Address))
		if b.Len()+len(img)+40 > budget {
			break
		}
		b.WriteString(img)
	}
	if b.Len() == 0 {
		return ""
	}
	return "#### Preview\n\n" + b.String() + "\n"
}
