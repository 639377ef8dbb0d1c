package webhook

import (
	"slices"
	"time"
)

// DefaultInboxName is the inbox file's name in the working directory.
const DefaultInboxName = "lineup.inbox.jsonl"

// Record kinds.
const (
	// KindMessage is a message a user sent (a message event).
	KindMessage = "message"
	// KindEdited is a new version of a text message (a messageEdited
	// event): same message ID, new text and a new quote token.
	KindEdited = "edited"
	// KindReply is a reply the Handler sent for a reply rule.
	KindReply = "reply"
)

// Record is one line of the inbox file. Its JSON form is the file format:
// fields are absent when empty, and readers ignore fields they do not
// know.
type Record struct {
	Kind string `json:"kind"`
	// WebhookEventID is the event's webhookEventId; for a reply, the
	// event replied to.
	WebhookEventID string `json:"webhook_event_id,omitempty"`
	// ID is the message ID (empty for a reply: see Sent).
	ID         string `json:"id,omitempty"`
	Type       string `json:"type,omitempty"`
	QuoteToken string `json:"quote_token,omitempty"`
	// ChatType is user, group or room; Chat is the ID of that user, group
	// or room: where the message lives and where its quote token works.
	ChatType string `json:"chat_type,omitempty"`
	Chat     string `json:"chat,omitempty"`
	// UserID is the sender, when LINE tells (in groups and rooms only
	// for users who consented).
	UserID string `json:"user_id,omitempty"`
	Text   string `json:"text,omitempty"`
	// Timestamp is the event's time in milliseconds since the epoch.
	Timestamp  int64     `json:"timestamp,omitempty"`
	ReceivedAt time.Time `json:"received_at"`
	// Rule, ReplyTo and Sent describe a reply: the rule that matched, the
	// message ID replied to, and LINE's sentMessages in request order.
	Rule    string        `json:"rule,omitempty"`
	ReplyTo string        `json:"reply_to,omitempty"`
	Sent    []SentMessage `json:"sent,omitempty"`
}

// SentMessage is one message the bot sent, from LINE's sentMessages.
type SentMessage struct {
	ID         string `json:"id"`
	QuoteToken string `json:"quote_token,omitempty"`
}

// Message is what the inbox knows about one message ID: the latest
// version of a received message, or a message the bot sent in a reply.
type Message struct {
	ID string
	// Kind is the kind of the record that gave the current version:
	// KindMessage, KindEdited or KindReply.
	Kind string
	Type string
	// QuoteToken is the latest quote token; QuoteTokens holds every token
	// seen for the message, oldest first (each one quotes it).
	QuoteToken  string
	QuoteTokens []string
	ChatType    string
	Chat        string
	UserID      string
	Text        string
	Timestamp   int64
	ReceivedAt  time.Time
	// Rule is the reply rule that sent the message (KindReply only).
	Rule string
}

// messages turns a record into the messages it tells about.
func (r *Record) messages() []Message {
	if r.Kind != KindReply {
		if r.ID == "" {
			return nil
		}
		return []Message{{
			ID: r.ID, Kind: r.Kind, Type: r.Type, QuoteToken: r.QuoteToken,
			ChatType: r.ChatType, Chat: r.Chat, UserID: r.UserID, Text: r.Text,
			Timestamp: r.Timestamp, ReceivedAt: r.ReceivedAt,
		}}
	}
	out := make([]Message, 0, len(r.Sent))
	for _, s := range r.Sent {
		out = append(out, Message{
			ID: s.ID, Kind: KindReply, QuoteToken: s.QuoteToken,
			ChatType: r.ChatType, Chat: r.Chat, Timestamp: r.Timestamp,
			ReceivedAt: r.ReceivedAt, Rule: r.Rule,
		})
	}
	return out
}

// index maps message IDs to their current version and remembers the
// order they were first seen in, and the webhook events already recorded.
type index struct {
	byID  map[string]*Message
	order []string
	seen  map[string]bool
}

func newIndex() *index {
	return &index{byID: map[string]*Message{}, seen: map[string]bool{}}
}

// add applies a durable record. The latest record wins, except that a
// version with an older timestamp (an edit delivered out of order) never
// replaces a newer one; its quote token is still kept.
func (x *index) add(r *Record) {
	if key := dedupeKey(r); key != "" {
		x.seen[key] = true
	}
	for _, m := range r.messages() {
		old, ok := x.byID[m.ID]
		if !ok {
			m.QuoteTokens = appendToken(nil, m.QuoteToken)
			x.byID[m.ID] = &m
			x.order = append(x.order, m.ID)
			continue
		}
		tokens := appendToken(old.QuoteTokens, m.QuoteToken)
		if m.Timestamp >= old.Timestamp {
			*old = m
		}
		old.QuoteTokens = tokens
	}
}

func appendToken(tokens []string, t string) []string {
	if t == "" || slices.Contains(tokens, t) {
		return tokens
	}
	return append(tokens, t)
}

func (x *index) lookup(id string) (Message, bool) {
	m, ok := x.byID[id]
	if !ok {
		return Message{}, false
	}
	out := *m
	out.QuoteTokens = slices.Clone(m.QuoteTokens)
	return out, true
}

// recent returns the last n messages by first appearance, oldest first.
func (x *index) recent(n int) []Message {
	n = max(0, min(n, len(x.order)))
	out := make([]Message, 0, n)
	for _, id := range x.order[len(x.order)-n:] {
		m, _ := x.lookup(id)
		out = append(out, m)
	}
	return out
}
