package lang

import (
	"fmt"
	"path/filepath"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// DefaultInboxFile is the inbox file of a configuration whose lineup
// block does not set inbox.
const DefaultInboxFile = "lineup.inbox.jsonl"

// InboxMessage is a message received by `lineup serve`, the value of
// inbox["MESSAGE_ID"]. Empty fields are null in the configuration.
type InboxMessage struct {
	ID   string
	Type string // text, sticker, image, ...; empty for the bot's replies
	// QuoteToken is the message's latest quote token.
	QuoteToken string
	// Chat is the user, group or room ID where the message lives: the
	// only chat where its quote token works.
	Chat   string
	UserID string
	Text   string
}

// InboxReader reads the inbox of the configuration whose lineup block is
// settings: the file at path (relative to the working directory, or
// absolute), or the database of its backend block, and returns its
// messages by ID. A missing file is an empty inbox.
type InboxReader func(settings Settings, path string) (map[string]InboxMessage, error)

// InboxPath is where the configuration keeps its inbox: Settings.InboxFile,
// or DefaultInboxFile, relative to dir unless absolute.
func (s Settings) InboxPath(dir string) string {
	name := s.InboxFile
	if name == "" {
		name = DefaultInboxFile
	}
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(dir, name)
}

var inboxMessageType = cty.Object(map[string]cty.Type{
	"id": cty.String, "type": cty.String, "quote_token": cty.String,
	"chat": cty.String, "user_id": cty.String, "text": cty.String,
})

// inboxMark marks a quote token taken from inbox[ID] with the chat of that
// message, so a push quoting it can be checked to send to that chat.
type inboxMark struct{ id, chat string }

// inboxSource reads the inbox once, the first time the configuration
// refers to it, and keeps its value for every evaluation.
type inboxSource struct {
	dir  string
	read InboxReader

	once     sync.Once
	path     string
	msgs     map[string]InboxMessage
	err      error
	val      cty.Value
	reported bool // the read error was reported
}

func newInboxSource(dir string, read InboxReader) *inboxSource {
	return &inboxSource{dir: dir, read: read}
}

// load reads the inbox at the path settings name.
func (in *inboxSource) load(settings Settings) {
	in.once.Do(func() {
		in.path = settings.InboxPath(in.dir)
		if in.read != nil {
			in.msgs, in.err = in.read(settings, in.path)
		}
		in.val = inboxValue(in.msgs, in.err)
	})
}

// value is the value of the inbox variable: a map of messages by ID, an
// unknown map when the inbox could not be read, an empty map when the
// configuration never refers to it.
func (in *inboxSource) value() cty.Value {
	if in == nil || in.val == cty.NilVal {
		return cty.MapValEmpty(inboxMessageType)
	}
	return in.val
}

func inboxValue(msgs map[string]InboxMessage, err error) cty.Value {
	if err != nil {
		return cty.UnknownVal(cty.Map(inboxMessageType))
	}
	if len(msgs) == 0 {
		return cty.MapValEmpty(inboxMessageType)
	}
	vals := make(map[string]cty.Value, len(msgs))
	for id, m := range msgs {
		qt := nullable(m.QuoteToken)
		if m.QuoteToken != "" {
			qt = qt.Mark(inboxMark{id: id, chat: m.Chat})
		}
		vals[id] = cty.ObjectVal(map[string]cty.Value{
			"id": cty.StringVal(id), "type": nullable(m.Type), "quote_token": qt,
			"chat": nullable(m.Chat), "user_id": nullable(m.UserID), "text": nullable(m.Text),
		})
	}
	return cty.MapVal(vals)
}

func nullable(s string) cty.Value {
	if s == "" {
		return cty.NullVal(cty.String)
	}
	return cty.StringVal(s)
}

// inboxRef checks a reference rooted at inbox: inbox["MESSAGE_ID"] must
// name a message in the inbox. A key that is not a literal is checked by
// evaluation.
func (m *module) inboxRef(t hcl.Traversal) *hcl.Diagnostic {
	in := m.inbox
	if in == nil {
		in = newInboxSource("", nil)
		m.inbox = in
	}
	in.load(m.settings)
	if in.err != nil {
		if in.reported {
			return nil
		}
		in.reported = true
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Cannot read the inbox",
			Detail:   fmt.Sprintf("This configuration refers to the inbox, but reading it failed: %s.", in.err),
			Subject:  t.SourceRange().Ptr(),
		}
	}
	if len(t) < 2 {
		return nil
	}
	step, ok := t[1].(hcl.TraverseIndex)
	var key cty.Value
	if ok {
		key, _ = convert.Convert(step.Key, cty.String)
	}
	if !ok || key == cty.NilVal || !key.IsKnown() || key.IsNull() {
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid reference",
			Detail:   `A message of the inbox is inbox["MESSAGE_ID"], with the message ID as a string.`,
			Subject:  t.SourceRange().Ptr(),
		}
	}
	id := key.AsString()
	if _, ok := in.msgs[id]; ok {
		return nil
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Message not in the inbox",
		Detail: fmt.Sprintf("No message %s in the inbox (%s). lineup serve records the messages users send to the account; lineup inbox lists them.",
			id, in.path),
		Subject: hcl.RangeBetween(t[0].SourceRange(), t[1].SourceRange()).Ptr(),
	}
}

// quoteChat returns, for a quote-source mark, the chat where the quoted
// message lives and a phrase naming where the token comes from; ok is
// false for other marks, or when the chat is not known yet.
func (r *run) quoteChat(mark any) (chat, from string, ok bool) {
	switch m := mark.(type) {
	case quoteMark:
		to, _ := r.pushTo[m.push].UnmarkDeep()
		if !to.IsKnown() || to.IsNull() || !to.Type().Equals(cty.String) {
			return "", "", false
		}
		return to.AsString(), fmt.Sprintf("a message that push.%s sent to %q", m.push, to.AsString()), true
	case inboxMark:
		return m.chat, fmt.Sprintf("message %s of the inbox, received in %q", m.id, m.chat), m.chat != ""
	}
	return "", "", false
}
