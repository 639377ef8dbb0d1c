package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/lineupdev/lineup/planner/rules"
)

// reply is the sandbox's answer to one request, before it is written.
type reply struct {
	status int
	body   any
	// acceptedRequestID, when set, is sent as X-Line-Accepted-Request-Id
	// (409 answers to an accepted retry key).
	acceptedRequestID string
}

// errorBody is LINE's error shape
// (https://developers.line.biz/en/reference/messaging-api/#error-responses); SentMessages appears only
// on the 409 answer to a retried push.
type errorBody struct {
	Message      string        `json:"message"`
	Details      []detail      `json:"details,omitempty"`
	SentMessages []SentMessage `json:"sentMessages,omitempty"`
}

type detail struct {
	Message  string `json:"message,omitempty"`
	Property string `json:"property,omitempty"`
}

// SentMessage is one entry of sentMessages in a push or reply answer.
type SentMessage struct {
	ID         string `json:"id"`
	QuoteToken string `json:"quoteToken,omitempty"`
}

func errorReply(status int, message string) reply {
	return reply{status: status, body: errorBody{Message: message}}
}

// problemsReply is the 400 answer for broken rules, one detail each.
func problemsReply(ps []rules.Problem) reply {
	ds := make([]detail, len(ps))
	for i, p := range ps {
		ds[i] = detail{Message: p.Message, Property: p.Path}
	}
	return reply{status: http.StatusBadRequest, body: errorBody{
		Message: fmt.Sprintf("The request body has %d error(s)", len(ps)),
		Details: ds,
	}}
}

func writeReply(w http.ResponseWriter, rep reply) {
	if rep.acceptedRequestID != "" {
		w.Header().Set("X-Line-Accepted-Request-Id", rep.acceptedRequestID)
	}
	data, err := json.Marshal(rep.body)
	if err != nil {
		// Only the sandbox's own types reach here; they always marshal.
		panic(fmt.Sprintf("sandbox: marshalling a reply: %v", err))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_, _ = w.Write(data)
}
