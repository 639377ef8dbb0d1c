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
	// Thumbnail, when set, gives the URL of a send's picture (lineup
	// preview -png), or "" for a change that has none; each picture is
	// shown, linked to itself, after the table.
	Thumbnail func(address string) string
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
	b.WriteString(MarkdownMarker + "\n### lineup plan\n\n")
	h := &human{}
	sum := p.Summary()
	if sum.Empty() {
		fmt.Fprintf(&b, "**No changes.** The configuration matches the state (%s unchanged).\n",
			count(sum.Unchanged, "send", "sends"))
		_, err := io.WriteString(w, b.String())
		return err
	}
	var listed []*planner.Change
	for _, ch := range p.Changes {
		if ch.Action != planner.NoOp {
			listed = append(listed, ch)
		}
	}
	b.WriteString(allFriendsWarning(listed))
	fmt.Fprintf(&b, "**%s**\n\n", h.summary(sum))
	// Room for the notes that say what was cut.
	budget := limit - 400
	rows := 0
	b.WriteString("| | Address | Action | Recipients | Estimated messages |\n| --- | --- | --- | --- | ---: |\n")
	for _, ch := range listed {
		row := tableRow(ch)
		if b.Len()+len(row) > budget {
			break
		}
		b.WriteString(row)
		rows++
	}
	if rows < len(listed) {
		more, noun := len(listed)-rows, "changes"
		if more == 1 {
			noun = "change"
		}
		fmt.Fprintf(&b, "\n_%d more %s not listed, to keep this comment under %s characters. "+
			"`lineup show` on the saved plan prints all of them._\n", more, noun, thousands(limit))
	}
	b.WriteString("\n")
	if opts.Thumbnail != nil {
		b.WriteString(thumbnails(listed[:rows], opts.Thumbnail, budget-b.Len()))
	}
	shown := 0
	for _, ch := range listed[:rows] {
		d := details(ch)
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
			fmt.Fprintf(&b, "> - and %d more\n", len(addrs)-maxWarned)
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
			return "send again"
		}
		return "send"
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
	if s.Kind == "narrowcast" {
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

// details is the change's collapsible section: the human rendering of the
// change in a code block.
func details(ch *planner.Change) string {
	var buf bytes.Buffer
	h := &human{w: &buf}
	h.change(ch)
	block := buf.String()
	fence := strings.Repeat("`", max(3, longestRun(block, '`')+1))
	return fmt.Sprintf("<details><summary><code>%s</code> %s</summary>\n\n%s\n%s%s\n\n</details>\n\n",
		html.EscapeString(string(ch.Action)+" "+ch.Address), html.EscapeString(actionText(ch)), fence, block, fence)
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
