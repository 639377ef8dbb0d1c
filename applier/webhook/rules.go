package webhook

import (
	"context"
	"fmt"
	"maps"
	"regexp"

	"github.com/lineupdev/lineup/applier/line"
)

// Rule is a reply rule: a text message that Match matches is answered
// with Messages.
type Rule struct {
	Name string
	// Match is tried against the text of new text messages.
	Match *regexp.Regexp
	// Messages are LINE message objects as JSON values (map[string]any).
	Messages []any
	// Quote puts the incoming message's quote token on the first message
	// object that can carry one (text, textV2 or sticker).
	Quote bool
	// NotificationDisabled sends the reply without a notification.
	NotificationDisabled bool
}

// Replier sends a reply; *line.Client is one.
type Replier interface {
	Reply(ctx context.Context, replyToken string, messages []any, notificationDisabled bool) ([]line.SentMessage, error)
}

func ruleName(r Rule, i int) string {
	if r.Name != "" {
		return fmt.Sprintf("%q", r.Name)
	}
	return fmt.Sprintf("#%d", i+1)
}

// match returns the first rule matching a new, active text message with
// a reply token, or nil.
func (h *Handler) match(ev *event) *Rule {
	if ev.rec.Kind != KindMessage || ev.rec.Type != "text" ||
		ev.mode != "active" || ev.replyToken == "" {
		return nil
	}
	for i := range h.o.Rules {
		if h.o.Rules[i].Match.MatchString(ev.rec.Text) {
			return &h.o.Rules[i]
		}
	}
	return nil
}

// startReplies replies, in the background, to the new events a rule
// matches.
func (h *Handler) startReplies(evs []event, fresh []bool) {
	if h.o.Replier == nil || len(h.o.Rules) == 0 {
		return
	}
	for i := range evs {
		if !fresh[i] {
			continue
		}
		rule := h.match(&evs[i])
		if rule == nil {
			continue
		}
		select {
		case h.replies <- struct{}{}:
		default:
			h.o.Logf("webhook: too many replies in flight; not replying to message %s", evs[i].rec.ID)
			continue
		}
		h.wg.Add(1)
		go h.reply(evs[i], rule)
	}
}

// reply sends one reply and records what LINE sent. A reply token is
// single use, so a failed reply is logged and not retried.
func (h *Handler) reply(ev event, rule *Rule) {
	defer h.wg.Done()
	defer func() { <-h.replies }()
	ctx, cancel := context.WithTimeout(context.Background(), h.o.ReplyTimeout)
	defer cancel()
	msgs := rule.Messages
	if rule.Quote {
		msgs = quoted(msgs, ev.rec.QuoteToken)
	}
	sent, err := h.o.Replier.Reply(ctx, ev.replyToken, msgs, rule.NotificationDisabled)
	if err != nil {
		h.o.Logf("webhook: reply %q to message %s: %v", rule.Name, ev.rec.ID, err)
		return
	}
	now := h.o.Now()
	rec := Record{
		Kind: KindReply, WebhookEventID: ev.rec.WebhookEventID,
		ChatType: ev.rec.ChatType, Chat: ev.rec.Chat,
		Timestamp: now.UnixMilli(), ReceivedAt: now.UTC(),
		Rule: rule.Name, ReplyTo: ev.rec.ID,
	}
	for _, s := range sent {
		rec.Sent = append(rec.Sent, SentMessage{ID: s.ID, QuoteToken: s.QuoteToken})
	}
	if _, err := h.o.Inbox.Record([]Record{rec}); err != nil {
		h.o.Logf("webhook: recording reply %q to message %s: %v", rule.Name, ev.rec.ID, err)
	}
}

// quoted returns msgs with token as quoteToken on the first text, textV2
// or sticker message object. msgs itself is not changed.
func quoted(msgs []any, token string) []any {
	if token == "" {
		return msgs
	}
	out := make([]any, len(msgs))
	copy(out, msgs)
	for i, m := range out {
		obj, ok := m.(map[string]any)
		if !ok {
			continue
		}
		switch obj["type"] {
		case "text", "textV2", "sticker":
			obj = maps.Clone(obj)
			obj["quoteToken"] = token
			out[i] = obj
			return out
		}
	}
	return out
}
