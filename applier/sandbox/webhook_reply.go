package sandbox

import (
	"encoding/json"
	"net/http"

	"github.com/lineupdev/lineup/planner/rules"
)

// reply answers POST /v2/bot/message/reply
// (https://developers.line.biz/en/reference/messaging-api/#send-reply-message):
// the reply token
// must have been issued by a user message (users.go), be unused and not
// expired; quote tokens must work in the chat of that message. A reply
// is not counted against the monthly quota, takes no retry key (the
// shared checks answer 400 for one) and plays no faults.
func (s *Server) reply(ex *exchange) reply {
	token, _ := ex.body["replyToken"].(string)
	var ps []rules.Problem
	if token == "" {
		ps = append(ps, rules.Problem{Path: "replyToken", Summary: "Missing reply token", Message: "May not be empty"})
	}
	ps = append(ps, rules.Messages(ex.body["messages"])...)
	ps = append(ps, pushOptions(ex.body)...)
	if len(ps) > 0 {
		return problemsReply(ps)
	}
	out := outgoing(ex.body["messages"].([]any))
	s.mu.Lock()
	defer s.mu.Unlock()
	rt := s.hook.tokens[token]
	if rt == nil || rt.used || !ex.now.Before(rt.expires) {
		return errorReply(http.StatusBadRequest, "Invalid reply token")
	}
	if ps := s.world.checkQuoteTokens(rt.chat, out); len(ps) > 0 {
		return problemsReply(ps)
	}
	rt.used = true
	objects := make([]json.RawMessage, len(out))
	for i, m := range out {
		objects[i] = m.object
	}
	reached := 1
	if members, ok := s.chatMembers(rt.chat); ok {
		reached = len(members)
	}
	s.world.record(ex, []string{rt.chat}, 0, reached, objects)
	sent := s.world.deliver(ex, rt.chat, out)
	ex.accepted = true
	return reply{status: http.StatusOK, body: sentMessagesBody{SentMessages: sent}}
}
