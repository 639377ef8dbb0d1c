package sandbox

import (
	"net/http"

	"github.com/lineupdev/lineup/planner/rules"
)

// validate answers POST /v2/bot/message/validate/{kind}
// (https://developers.line.biz/en/reference/messaging-api/#validate-message-objects-of-push-message
// and its siblings): only the messages array is checked, nothing is sent.
func (s *Server) validate(ex *exchange) reply {
	if ps := rules.Messages(ex.body["messages"]); len(ps) > 0 {
		return problemsReply(ps)
	}
	return reply{status: http.StatusOK, body: struct{}{}}
}
