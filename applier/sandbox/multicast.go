package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/lineupdev/lineup/planner/rules"
)

// multicast answers POST /v2/bot/message/multicast
// (https://developers.line.biz/en/reference/messaging-api/#send-multicast-message):
// 1..500 user IDs, no quote tokens, 200 {} and no sentMessages. It
// counts, and delivers to, each distinct user it reaches once: not those
// who blocked the account or are not friends (reach.go).
func (s *Server) multicast(ex *exchange) reply {
	ps := rules.Multicast(ex.body)
	ps = append(ps, pushOptions(ex.body)...)
	if len(ps) > 0 {
		return sendProblemsReply(ps)
	}
	users := distinct(ex.body["to"].([]any)) // rules.Multicast checked it.
	objects := rawObjects(ex.body["messages"].([]any))
	people := s.usersReached(users, ex.now)
	return s.accept(ex, people, func(w *world) ([]SentMessage, *reply) {
		w.record(ex, users, people, people, objects)
		return nil, nil
	})
}

// broadcast answers POST /v2/bot/message/broadcast
// (https://developers.line.biz/en/reference/messaging-api/#send-broadcast-message):
// every friend who did not block the account gets the messages; 200 {}.
func (s *Server) broadcast(ex *exchange) reply {
	ps := rules.Broadcast(ex.body)
	ps = append(ps, pushOptions(ex.body)...)
	if len(ps) > 0 {
		return sendProblemsReply(ps)
	}
	objects := rawObjects(ex.body["messages"].([]any))
	people := s.friends()
	return s.accept(ex, people, func(w *world) ([]SentMessage, *reply) {
		w.record(ex, nil, people, people, objects)
		return nil, nil
	})
}

// sendProblemsReply is problemsReply, except that a bad element of a
// recipient list gets LINE's property error, as the first problem alone
// and without details, as in LINE's example
// (https://developers.line.biz/en/reference/messaging-api/#send-multicast-message):
// "The property, to[1], in the request body is invalid (line: -, column: -)".
func sendProblemsReply(ps []rules.Problem) reply {
	for _, p := range ps {
		if strings.HasPrefix(p.Path, "to[") {
			return errorReply(http.StatusBadRequest,
				fmt.Sprintf("The property, %s, in the request body is invalid (line: -, column: -)", p.Path))
		}
	}
	return problemsReply(ps)
}

// distinct returns the strings of list without repeats, in first-seen
// order.
func distinct(list []any) []string {
	seen := make(map[string]bool, len(list))
	out := make([]string, 0, len(list))
	for _, v := range list {
		s := v.(string)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// rawObjects re-encodes the message objects of a send, once per request.
func rawObjects(messages []any) []json.RawMessage {
	out := make([]json.RawMessage, len(messages))
	for i, m := range messages {
		out[i], _ = json.Marshal(m) // decoded JSON always encodes.
	}
	return out
}
