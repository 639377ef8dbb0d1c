package sandbox

import (
	"net/http"

	"github.com/lineupdev/lineup/planner/rules"
)

// validate answers POST /v2/bot/message/validate/{kind}: only the
// messages array is checked (facts §3.7), nothing is sent.
func (s *Server) validate(ex *exchange) reply {
	if ps := rules.Messages(ex.body["messages"]); len(ps) > 0 {
		return problemsReply(ps)
	}
	return reply{status: http.StatusOK, body: struct{}{}}
}
