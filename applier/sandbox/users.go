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

// UserMessage is a message a simulated user sends to the bot: a text,
// sticker, image or video, the message types whose webhook events carry
// a quote token
// (https://developers.line.biz/en/docs/messaging-api/get-quote-tokens/#get-quote-tokens-via-webhook).
type UserMessage struct {
	// Type is "text" (the default), "sticker", "image" or "video".
	Type string `json:"type,omitempty"`
	// Text is a text message's text; required for "text" only.
	Text string `json:"text,omitempty"`
	// PackageID and StickerID name a sticker; they default to LINE's
	// sample sticker 446/1988.
	PackageID string `json:"packageId,omitempty"`
	StickerID string `json:"stickerId,omitempty"`
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
		return errorReply(http.StatusBadRequest, fmt.Sprintf(`want {"type":"text|sticker|image|video","text":"...","chat":"U...|C...|R..."}: %v`, err))
	}
	res, err := s.UserWrites(r.Context(), user, m)
	if err != nil {
		return errorReply(http.StatusBadRequest, err.Error())
	}
	return reply{status: http.StatusOK, body: res}
}

// UserWrites makes user send m to the bot: the sandbox issues a message
// ID, a quote token that works in m's chat, and a reply token; notes
// that the bot is in m's group or room, or that user wrote 1:1 (a push
// reaches them for a week after, reach.go); and
// delivers the message event, signed, to the webhook, redelivering it
// when the webhook does not answer 2xx. It returns once the webhook has
// answered 2xx or the redeliveries ran out; an undelivered event is not
// an error (see Delivery).
func (s *Server) UserWrites(ctx context.Context, user string, m UserMessage) (UserMessageResult, error) {
	chat, err := checkUserMessage(user, &m)
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
	s.noteWriter(user, chat, now)
	s.hook.purge(now)
	s.hook.tokens[res.ReplyToken] = &replyToken{chat: chat, event: now, expires: now.Add(s.hook.ttl)}
	url, secret, bot := s.hook.url, s.hook.secret, s.hook.bot
	s.mu.Unlock()

	first, again := messageEvent(bot, user, m, now, res)
	res.Delivery = s.deliver(ctx, url, secret, first, again, func() { s.renewReplyToken(res.ReplyToken) })
	return res, nil
}

// checkUserMessage checks m from user and fills in its defaults; it
// returns m's chat.
func checkUserMessage(user string, m *UserMessage) (string, error) {
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
	}
	switch m.Type {
	case "", "text":
		m.Type = "text"
		if m.Text == "" {
			return "", fmt.Errorf("text may not be empty")
		}
		if rules.UTF16Len(m.Text) > 5000 {
			return "", fmt.Errorf("text is longer than 5000 characters")
		}
	case "sticker":
		if (m.PackageID == "") != (m.StickerID == "") {
			return "", fmt.Errorf("a sticker has both packageId and stickerId, or neither (LINE's sample 446/1988)")
		}
		if m.PackageID == "" {
			m.PackageID, m.StickerID = "446", "1988"
		}
	case "image", "video":
	default:
		return "", fmt.Errorf("type %q: a user sends text, sticker, image or video here", m.Type)
	}
	return chat, nil
}

// messageEvent builds the webhook body of a message event, and its
// redelivery: the same bytes but for isRedelivery.
func messageEvent(bot, user string, m UserMessage, at time.Time, res UserMessageResult) (first, again []byte) {
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
			"message":         messageContent(m, res),
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

// messageContent is the message object of a message event
// (https://developers.line.biz/en/reference/messaging-api/#wh-text,
// #wh-sticker, #wh-image, #wh-video): each of these types carries a
// quote token. Images and videos are LINE's own content
// (contentProvider "line"), whose bytes the sandbox does not serve.
func messageContent(m UserMessage, res UserMessageResult) map[string]any {
	c := map[string]any{"type": m.Type, "id": res.MessageID,
		"quoteToken": res.QuoteToken, "markAsReadToken": "mr-" + res.MessageID}
	switch m.Type {
	case "text":
		c["text"] = m.Text
	case "sticker":
		c["packageId"], c["stickerId"] = m.PackageID, m.StickerID
		c["stickerResourceType"] = "STATIC"
	case "image":
		c["contentProvider"] = map[string]any{"type": "line"}
	case "video":
		c["contentProvider"] = map[string]any{"type": "line"}
		c["duration"] = sampleVideoDuration
	}
	return c
}

// sampleVideoDuration is the length, in milliseconds, of the videos
// simulated users send.
const sampleVideoDuration = 60000
