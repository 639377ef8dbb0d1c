package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lineupdev/lineup/planner/rules"
)

// UserMessage is a message a simulated user writes to the bot.
type UserMessage struct {
	Text string `json:"text"`
	// Chat is where the user writes: a group (C...) or room (R...) ID, or
	// the user's own ID for the 1:1 chat with the bot (the default).
	Chat string `json:"chat,omitempty"`
}

// UserMessageResult is the answer of POST /_sandbox/users/{userId}/messages:
// what the sandbox issued for the message, and how its webhook went.
type UserMessageResult struct {
	MessageID      string          `json:"message_id"`
	QuoteToken     string          `json:"quote_token"`
	ReplyToken     string          `json:"reply_token"`
	WebhookEventID string          `json:"webhook_event_id"`
	Chat           string          `json:"chat"`
	Delivery       WebhookDelivery `json:"delivery"`
}

func (s *Server) serveUserMessage(r *http.Request, user string) reply {
	var m UserMessage
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		return errorReply(http.StatusBadRequest, fmt.Sprintf(`want {"text":"...","chat":"U...|C...|R..."}: %v`, err))
	}
	res, err := s.UserWrites(r.Context(), user, m)
	if err != nil {
		return errorReply(http.StatusBadRequest, err.Error())
	}
	return reply{status: http.StatusOK, body: res}
}

// UserWrites makes user send m to the bot: the sandbox issues a message
// ID, a quote token that works in m's chat, and a reply token, and
// delivers the message event, signed, to the webhook, redelivering it
// when the webhook does not answer 2xx. It returns once the webhook has
// answered 2xx or the redeliveries ran out; an undelivered event is not
// an error (see Delivery).
func (s *Server) UserWrites(ctx context.Context, user string, m UserMessage) (UserMessageResult, error) {
	chat, err := checkUserMessage(user, m)
	if err != nil {
		return UserMessageResult{}, err
	}
	now := s.Now()
	res := UserMessageResult{
		QuoteToken: newQuoteToken(), ReplyToken: randomHex(16),
		WebhookEventID: newEventID(now), Chat: chat,
	}
	s.mu.Lock()
	res.MessageID = strconv.FormatUint(s.world.nextMessageID, 10)
	s.world.nextMessageID++
	s.world.quoteTokens[res.QuoteToken] = quoted{Chat: chat, MessageID: res.MessageID}
	s.hook.purge(now)
	s.hook.tokens[res.ReplyToken] = &replyToken{chat: chat, event: now, expires: now.Add(s.hook.ttl)}
	url, secret, bot := s.hook.url, s.hook.secret, s.hook.bot
	s.mu.Unlock()

	first, again := messageEvent(bot, user, m.Text, now, res)
	res.Delivery = s.deliver(ctx, url, secret, first, again, func() { s.renewReplyToken(res.ReplyToken) })
	return res, nil
}

func checkUserMessage(user string, m UserMessage) (string, error) {
	if !rules.UserID(user) {
		return "", fmt.Errorf("%q is not a user ID (U + 32 hex digits)", user)
	}
	chat := m.Chat
	if chat == "" {
		chat = user
	}
	switch {
	case !rules.ChatID(chat):
		return "", fmt.Errorf("chat %q is not a user, group or room ID", chat)
	case strings.HasPrefix(chat, "U") && chat != user:
		return "", fmt.Errorf("a user writes in the 1:1 chat with the bot, %s, or in a group or room; not in %s", user, chat)
	case m.Text == "":
		return "", fmt.Errorf("text may not be empty")
	case rules.UTF16Len(m.Text) > 5000:
		return "", fmt.Errorf("text is longer than 5000 characters")
	}
	return chat, nil
}

// messageEvent builds the webhook body of a text message event, and its
// redelivery: the same bytes but for isRedelivery.
func messageEvent(bot, user, text string, at time.Time, res UserMessageResult) (first, again []byte) {
	source := map[string]any{"type": "user", "userId": user}
	switch res.Chat[0] {
	case 'C':
		source = map[string]any{"type": "group", "groupId": res.Chat, "userId": user}
	case 'R':
		source = map[string]any{"type": "room", "roomId": res.Chat, "userId": user}
	}
	body := func(redelivery bool) []byte {
		ev := map[string]any{
			"type": "message", "mode": "active", "timestamp": at.UnixMilli(),
			"source": source, "webhookEventId": res.WebhookEventID,
			"deliveryContext": map[string]any{"isRedelivery": redelivery},
			"replyToken":      res.ReplyToken,
			"message": map[string]any{
				"type": "text", "id": res.MessageID, "text": text,
				"quoteToken": res.QuoteToken, "markAsReadToken": "mr-" + res.MessageID,
			},
		}
		data, _ := json.Marshal(map[string]any{"destination": bot, "events": []any{ev}})
		return data
	}
	return body(false), body(true)
}

// renewReplyToken gives a reply token, about to be redelivered, another
// TTL, unless it was used or its event is older than replyTokenMaxAge.
func (s *Server) renewReplyToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt := s.hook.tokens[token]
	if rt == nil || rt.used {
		return
	}
	now := s.Now()
	rt.expires = now.Add(s.hook.ttl)
	if limit := rt.event.Add(replyTokenMaxAge); rt.expires.After(limit) {
		rt.expires = limit
	}
}

// purge forgets reply tokens that can no longer be used. The caller holds
// Server.mu.
func (h *hookState) purge(now time.Time) {
	for t, rt := range h.tokens {
		if rt.used || now.After(rt.event.Add(replyTokenMaxAge)) {
			delete(h.tokens, t)
		}
	}
}
