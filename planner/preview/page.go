package preview

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/plandoc"
	"github.com/lineupdev/lineup/planner/rules"
)

// Options control the page.
type Options struct {
	// Offline draws every image as its placeholder: the page loads
	// nothing.
	Offline bool
	// AccountName and AccountIcon are the account's name and avatar URL,
	// shown beside messages without a sender; "" draws a default.
	AccountName string
	AccountIcon string
}

// Reply is a reply rule to draw: its name, its match and its messages
// (message objects as LINE's JSON, nil for values known only after
// apply).
type Reply struct {
	Name     string
	Match    string
	Messages []any
}

// Replies are the drawable forms of a configuration's reply rules.
func Replies(rules []*lang.Reply) []Reply {
	out := make([]Reply, 0, len(rules))
	for _, r := range rules {
		msgs := lang.Rewrite("messages", r.Messages, func(p *lang.Path, v any) (any, bool) {
			if _, ok := lang.UnknownOf(v); ok {
				return nil, true
			}
			return nil, false
		}).([]any)
		match := ""
		if r.Match != nil {
			match = r.Match.String()
		}
		out = append(out, Reply{Name: r.Name, Match: match, Messages: msgs})
	}
	return out
}

// Page is the drawn preview: every send apply would make, then every
// reply rule.
type Page struct {
	Title     string
	CreatedAt time.Time
	CSS       template.CSS
	Sends     []*Send
}

// Send is one drawn send (or reply rule) with its notes.
type Send struct {
	// ID is the id of its section of the page (send-1, send-2, ...),
	// which a screenshot of the send selects.
	ID         string
	Address    string
	Action     string
	Reason     string
	Recipients string
	Estimate   string
	Alts       []Note
	Taps       []Tap
	Notes      []Note
	Phone      Drawing
	Unrolled   []Drawing
}

// Drawing is a drawn part of the page.
type Drawing struct{ n *node }

// HTML is the drawing as HTML, every value from the configuration
// escaped.
func (d Drawing) HTML() template.HTML { return d.n.markup() }

// Sendable reports whether apply would send the change: a send (not an
// audience) planned to be sent, or unresolved (apply retries it with its
// key).
func Sendable(c *plandoc.Change) bool {
	return c.Kind != "audience" && c.Payload != nil && (c.Action == "send" || c.Action == "unresolved")
}

// PictureName is the file name of the picture of the send at address
// (lineup preview -png writes it; plan -preview-url links it).
func PictureName(address string) string { return address + ".png" }

// New draws the sends of doc that apply would make, in apply order, and
// the reply rules.
func New(doc *plandoc.Document, replies []Reply, opt Options) *Page {
	p := &Page{Title: "lineup preview", CreatedAt: doc.CreatedAt, CSS: template.CSS(stylesheet)}
	clock := doc.CreatedAt.UTC().Format("15:04")
	for _, c := range doc.Changes {
		if !Sendable(c) {
			continue
		}
		s := &Send{Address: c.Address, Action: c.Action, Reason: c.Reason, Recipients: recipients(c),
			Estimate: "unknown offline"}
		if c.EstimatedMessages != nil {
			s.Estimate = strconv.Itoa(*c.EstimatedMessages)
		}
		drawSend(s, list(c.Payload["messages"]), clock, opt)
		p.Sends = append(p.Sends, s)
	}
	for _, r := range replies {
		s := &Send{Address: "reply." + r.Name, Action: "reply",
			Recipients: "whoever sends a text that matches /" + r.Match + "/", Estimate: "0 (replies are free)"}
		drawSend(s, r.Messages, clock, opt)
		p.Sends = append(p.Sends, s)
	}
	for i, s := range p.Sends {
		s.ID = "send-" + strconv.Itoa(i+1)
	}
	return p
}

// drawSend draws the messages of one send into s.
func drawSend(s *Send, msgs []any, clock string, opt Options) {
	d := &drawer{offline: opt.Offline}
	talk := div("talk")
	var quick map[string]any
	quickAt := ""
	for i, m := range msgs {
		path := lang.JoinIndex("messages", i)
		mo := obj(m)
		if qr := obj(mo["quickReply"]); qr != nil {
			if quick != nil {
				d.warn(quickAt, "LINE shows the quick reply of the last message only: this one is never seen.")
			}
			quick, quickAt = qr, lang.JoinKey(path, "quickReply")
		}
		talk.add(d.row(mo, path, clock, opt))
	}
	if quick != nil && quickAt != lang.JoinKey(lang.JoinIndex("messages", len(msgs)-1), "quickReply") {
		d.warn(quickAt, "LINE shows the quick reply of the last message only: this one is never seen.")
		quick = nil
	}
	phone := div("phone", textNode("bar", accountName(opt)), talk)
	if quick != nil {
		phone.add(d.quickReply(quick, quickAt))
	}
	phone.add(div("input", span("", "Aa")))
	s.Phone = Drawing{phone}
	for _, u := range d.unrolled {
		s.Unrolled = append(s.Unrolled, Drawing{u})
	}
	s.Alts, s.Taps, s.Notes = d.alts, d.taps, d.notes
}

func accountName(opt Options) string {
	if opt.AccountName != "" {
		return opt.AccountName
	}
	return "LINE Official Account"
}

// row is one message in the chat: the avatar and name of the account or
// of the message's sender, the message and the time.
func (d *drawer) row(m map[string]any, path, clock string, opt Options) *node {
	name, icon := accountName(opt), opt.AccountIcon
	if s := obj(m["sender"]); s != nil {
		if n := str(s["name"]); n != "" {
			name = n
		}
		if u := str(s["iconUrl"]); u != "" {
			icon = u
		}
	}
	var avatar *node
	if icon != "" {
		avatar = d.picture("avatar", icon, "cover")
	} else {
		first, _ := firstRune(name)
		avatar = textNode("avatar", first)
	}
	msg, wide := d.message(m, path)
	if msg.Path == "" {
		msg.Path = path
	}
	if wide {
		return div("row wide", div("head", avatar, textNode("name", name)), div("wide-body", msg, span("time", clock)))
	}
	line := "line"
	if t := str(m["type"]); t == "flex" || t == "template" || t == "imagemap" {
		line = "line stack"
	}
	return div("row", avatar, div("col", textNode("name", name), div(line, msg, span("time", clock))))
}

func firstRune(s string) (string, bool) {
	for _, r := range s {
		return string(r), true
	}
	return "", false
}

// quickReply draws quick reply items as chips above the input bar.
func (d *drawer) quickReply(q map[string]any, path string) *node {
	n := div("qr")
	for i, it := range list(q["items"]) {
		ip := lang.JoinIndex(lang.JoinKey(path, "items"), i)
		item := obj(it)
		a := obj(item["action"])
		chip := div("chip")
		if u := str(item["imageUrl"]); u != "" {
			chip.add(d.picture("chip-icon", u, "contain"))
		}
		chip.add(span("", str(a["label"])))
		d.tap(chip, a, lang.JoinKey(ip, "action"))
		n.add(chip)
	}
	return n
}

// recipients says who a change sends to, from its payload.
func recipients(c *plandoc.Change) string {
	to := c.Payload["to"]
	switch c.Kind {
	case "push":
		if to == nil {
			return "(sensitive or known after apply)"
		}
		return str(to)
	case "multicast":
		ids := list(to)
		var shown []string
		for i, id := range ids {
			if i == 3 {
				shown = append(shown, "…")
				break
			}
			shown = append(shown, str(id))
		}
		return fmt.Sprintf("%d users: %s", len(ids), strings.Join(shown, ", "))
	case "broadcast":
		return "every friend of the channel"
	}
	if c.ReachesAllFriends {
		return "every friend of the channel"
	}
	var parts []string
	if r := obj(c.Payload["recipient"]); r != nil {
		parts = append(parts, recipientText(r))
	}
	if f := obj(c.Payload["filter"]); f != nil {
		parts = append(parts, "filtered by demographics")
	}
	if l := obj(c.Payload["limit"]); l != nil {
		if m, ok := rules.Number(l["max"]); ok {
			parts = append(parts, fmt.Sprintf("at most %d", int(m)))
		}
	}
	return strings.Join(parts, ", ")
}

// recipientText is a narrowcast recipient object in short.
func recipientText(r map[string]any) string {
	switch str(r["type"]) {
	case "audience":
		id, _ := rules.Number(r["audienceGroupId"])
		if r["audienceGroupId"] == nil {
			return "audience (known after apply)"
		}
		return fmt.Sprintf("audience %d", int64(id))
	case "redelivery":
		return "redelivery of " + str(r["requestId"])
	case "operator":
		for _, op := range []string{"and", "or"} {
			if xs := list(r[op]); xs != nil {
				var parts []string
				for _, x := range xs {
					parts = append(parts, recipientText(obj(x)))
				}
				return op + "(" + strings.Join(parts, ", ") + ")"
			}
		}
		if x := obj(r["not"]); x != nil {
			return "not(" + recipientText(x) + ")"
		}
	}
	return str(r["type"])
}

var pageTemplate = template.Must(template.New("page").Parse(pageHTML))

// Write writes the page as one self-contained HTML document.
func (p *Page) Write(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := pageTemplate.ExecuteTemplate(bw, "page", p); err != nil {
		return fmt.Errorf("writing the preview: %w", err)
	}
	return bw.Flush()
}

// Render draws doc and replies (New) and writes the page (Write).
func Render(w io.Writer, doc *plandoc.Document, replies []Reply, opt Options) error {
	return New(doc, replies, opt).Write(w)
}
