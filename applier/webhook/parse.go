package webhook

import (
	"encoding/json"
	"errors"
	"fmt"

	sdk "github.com/line/line-bot-sdk-go/v8/linebot/webhook"
)

// event is a received message event (message or messageEdited), with
// what the reply rules need besides the inbox record.
type event struct {
	rec        Record
	mode       string
	replyToken string
}

// envelope is the webhook body, with the events left raw so that one bad
// event cannot spoil the others.
type envelope struct {
	Destination string            `json:"destination"`
	Events      []json.RawMessage `json:"events"`
}

// parse decodes a verified webhook body into its message events. Each
// event goes through the SDK's decoder; an event the SDK does not know
// (messageEdited) or cannot decode is read leniently by hand. Other
// event types, and message events without a message ID, are skipped. skipped counts events that could not be read
// at all. It fails only when the body is not a JSON envelope.
func parse(body []byte) (evs []event, skipped int, err error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, 0, fmt.Errorf("not a webhook body: %w", err)
	}
	for _, raw := range env.Events {
		ev, ok, err := parseEvent(raw)
		if err != nil {
			skipped++
			continue
		}
		if ok && ev.rec.ID != "" {
			evs = append(evs, ev)
		}
	}
	return evs, skipped, nil
}

// parseEvent decodes one event; ok is false for events that are not
// messages.
func parseEvent(raw json.RawMessage) (event, bool, error) {
	e, err := sdk.UnmarshalEvent(raw)
	if err != nil {
		return manualEvent(raw)
	}
	switch e := e.(type) {
	case sdk.MessageEvent:
		return fromSDK(&e), true, nil
	case *sdk.MessageEvent:
		return fromSDK(e), true, nil
	}
	if e.GetType() == "messageEdited" { // unknown to SDK v8.14; read by hand
		return manualEvent(raw)
	}
	return event{}, false, nil
}

func fromSDK(e *sdk.MessageEvent) event {
	ev := event{
		mode:       string(e.Mode),
		replyToken: e.ReplyToken,
		rec: Record{
			Kind:           KindMessage,
			WebhookEventID: e.WebhookEventId,
			Timestamp:      e.Timestamp,
		},
	}
	r := &ev.rec
	switch s := e.Source.(type) {
	case sdk.UserSource:
		r.ChatType, r.Chat, r.UserID = "user", s.UserId, s.UserId
	case sdk.GroupSource:
		r.ChatType, r.Chat, r.UserID = "group", s.GroupId, s.UserId
	case sdk.RoomSource:
		r.ChatType, r.Chat, r.UserID = "room", s.RoomId, s.UserId
	}
	fillContent(r, e.Message)
	return ev
}

// fillContent copies the message object's ID, type, quote token and text.
func fillContent(r *Record, m sdk.MessageContentInterface) {
	if m == nil {
		return
	}
	r.Type = m.GetType()
	switch m := m.(type) {
	case sdk.TextMessageContent:
		r.Type, r.ID, r.QuoteToken, r.Text = "text", m.Id, m.QuoteToken, m.Text
	case sdk.StickerMessageContent:
		r.Type, r.ID, r.QuoteToken, r.Text = "sticker", m.Id, m.QuoteToken, m.Text
	case sdk.ImageMessageContent:
		r.Type, r.ID, r.QuoteToken = "image", m.Id, m.QuoteToken
	case sdk.VideoMessageContent:
		r.Type, r.ID, r.QuoteToken = "video", m.Id, m.QuoteToken
	case sdk.AudioMessageContent:
		r.Type, r.ID = "audio", m.Id
	case sdk.FileMessageContent:
		r.Type, r.ID = "file", m.Id
	case sdk.LocationMessageContent:
		r.Type, r.ID = "location", m.Id
	case sdk.UnknownMessageContent:
		var c rawContent
		for k, v := range m.Raw {
			c.set(k, v)
		}
		r.ID, r.QuoteToken, r.Text = c.ID, c.QuoteToken, c.Text
	}
}

// rawEvent is the lenient, hand-written shape of a message or
// messageEdited event.
type rawEvent struct {
	Type           string     `json:"type"`
	Mode           string     `json:"mode"`
	Timestamp      int64      `json:"timestamp"`
	WebhookEventID string     `json:"webhookEventId"`
	ReplyToken     string     `json:"replyToken"`
	Source         rawSource  `json:"source"`
	Message        rawContent `json:"message"`
}

type rawSource struct {
	Type    string `json:"type"`
	UserID  string `json:"userId"`
	GroupID string `json:"groupId"`
	RoomID  string `json:"roomId"`
}

type rawContent struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	Text       string `json:"text"`
	QuoteToken string `json:"quoteToken"`
}

func (c *rawContent) set(key string, v json.RawMessage) {
	switch key {
	case "id":
		_ = json.Unmarshal(v, &c.ID)
	case "text":
		_ = json.Unmarshal(v, &c.Text)
	case "quoteToken":
		_ = json.Unmarshal(v, &c.QuoteToken)
	}
}

// manualEvent reads an event by hand. A field of an unexpected JSON type
// is left empty instead of failing the event.
func manualEvent(raw json.RawMessage) (event, bool, error) {
	var e rawEvent
	if err := json.Unmarshal(raw, &e); err != nil {
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			return event{}, false, err
		}
	}
	var kind string
	switch e.Type {
	case "message":
		kind = KindMessage
	case "messageEdited":
		kind = KindEdited
	default:
		return event{}, false, nil
	}
	r := Record{
		Kind: kind, WebhookEventID: e.WebhookEventID, Timestamp: e.Timestamp,
		ID: e.Message.ID, Type: e.Message.Type, QuoteToken: e.Message.QuoteToken,
		Text: e.Message.Text, ChatType: e.Source.Type, UserID: e.Source.UserID,
	}
	switch e.Source.Type {
	case "user":
		r.Chat = e.Source.UserID
	case "group":
		r.Chat = e.Source.GroupID
	case "room":
		r.Chat = e.Source.RoomID
	}
	if kind == KindEdited && r.Type == "" {
		r.Type = "text"
	}
	return event{rec: r, mode: e.Mode, replyToken: e.ReplyToken}, true, nil
}
