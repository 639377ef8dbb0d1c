package sandbox

import (
	"encoding/json"
	"strconv"

	"github.com/lineupdev/lineup/planner/rules"
)

// push answers POST /v2/bot/message/push
// (https://developers.line.biz/en/reference/messaging-api/#send-push-message).
// Any well-formed user ID is accepted: LINE answers 200 for users who
// blocked the account or are not friends, and neither delivers to nor
// counts them. A group or room the bot is not in is refused (400); one
// it is in counts its members (reach.go).
func (s *Server) push(ex *exchange) reply {
	ps := rules.Push(ex.body)
	ps = append(ps, pushOptions(ex.body)...)
	if len(ps) > 0 {
		return problemsReply(ps)
	}
	to := ex.body["to"].(string) // rules.Push checked it.
	people, rep, ok := s.pushReach(to, ex.now)
	if !ok {
		return rep
	}
	out := outgoing(ex.body["messages"].([]any))
	return s.accept(ex, people, func(w *world) ([]SentMessage, *reply) {
		if ps := w.checkQuoteTokens(to, out); len(ps) > 0 {
			rep := problemsReply(ps)
			return nil, &rep
		}
		objects := make([]json.RawMessage, len(out))
		for i, m := range out {
			objects[i] = m.object
		}
		w.record(ex, []string{to}, people, people, objects)
		return w.deliver(ex, to, out), nil
	})
}

// pushOptions checks the optional notificationDisabled; null means
// absent. rules.Push and rules.Multicast check customAggregationUnits.
func pushOptions(body map[string]any) []rules.Problem {
	var ps []rules.Problem
	if v := body["notificationDisabled"]; v != nil {
		if _, ok := v.(bool); !ok {
			ps = append(ps, rules.Problem{Path: "notificationDisabled",
				Summary: "Invalid notificationDisabled", Message: "Must be a boolean"})
		}
	}
	return ps
}

// outMessage is one message object of a send request, prepared outside
// the world's lock.
type outMessage struct {
	typ    string
	object json.RawMessage
	// quote is the quoteToken the message carries, if any.
	quote    string
	hasQuote bool
	// token is the quote token the message will get, if its type has one.
	token string
}

func outgoing(messages []any) []outMessage {
	out := make([]outMessage, len(messages))
	for i, m := range messages {
		obj := m.(map[string]any) // rules.Messages checked it.
		typ, _ := obj["type"].(string)
		data, _ := json.Marshal(obj)
		om := outMessage{typ: typ, object: data}
		if q, ok := obj["quoteToken"]; ok && q != nil {
			om.quote, _ = q.(string)
			om.hasQuote = true
		}
		if rules.ReturnsQuoteToken[typ] {
			om.token = newQuoteToken()
		}
		out[i] = om
	}
	return out
}

// checkQuoteTokens reports quote tokens the sandbox never issued, or
// issued for a message in another chat than to.
func (w *world) checkQuoteTokens(to string, out []outMessage) []rules.Problem {
	var ps []rules.Problem
	for i, m := range out {
		if !m.hasQuote {
			continue
		}
		path := "messages[" + strconv.Itoa(i) + "].quoteToken"
		q, ok := w.quoteTokens[m.quote]
		switch {
		case !ok:
			ps = append(ps, rules.Problem{Path: path,
				Summary: "Invalid quote token", Message: "Invalid quote token"})
		case q.Chat != to:
			ps = append(ps, rules.Problem{Path: path, Summary: "Quote token from another chat",
				Message: "The quote token is not valid in this chat"})
		}
	}
	return ps
}

// deliver records the messages as sent to chat, assigning message IDs
// and issuing quote tokens, and returns the sentMessages answer.
func (w *world) deliver(ex *exchange, chat string, out []outMessage) []SentMessage {
	sent := make([]SentMessage, len(out))
	for i, m := range out {
		id := strconv.FormatUint(w.nextMessageID, 10)
		w.nextMessageID++
		sent[i] = SentMessage{ID: id, QuoteToken: m.token}
		if m.token != "" {
			w.quoteTokens[m.token] = quoted{Chat: chat, MessageID: id}
		}
		w.messages = append(w.messages, Message{
			Chat: chat, ID: id, Type: m.typ, QuoteToken: m.token,
			RequestID: ex.requestID, Endpoint: ex.endpoint.name, At: ex.now,
			Object: m.object,
		})
	}
	return sent
}
