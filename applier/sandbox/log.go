package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
)

// logRequest appends one LINE request and its answer to the world's log.
func (s *Server) logRequest(ex *exchange, r *http.Request, rep reply) {
	entry := LoggedRequest{
		Method:    r.Method,
		Path:      r.URL.Path,
		Status:    rep.status,
		RetryKey:  ex.retryKey,
		RequestID: ex.requestID,
		Accepted:  rep.status/100 == 2,
	}
	if len(ex.raw) > 0 && json.Valid(ex.raw) {
		entry.Body = json.RawMessage(ex.raw)
	}
	s.mu.Lock()
	s.world.requests = append(s.world.requests, entry)
	s.mu.Unlock()
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []LoggedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.world.requests)
	if out == nil {
		out = []LoggedRequest{}
	}
	return out
}

// Messages returns a copy of the delivered messages, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.world.messages)
	if out == nil {
		out = []Message{}
	}
	return out
}

// serveSandbox answers the sandbox's own paths, which need no token:
// GET /_sandbox/requests (the request log) and GET /_sandbox/messages
// (delivered messages).
func (s *Server) serveSandbox(r *http.Request) reply {
	if r.Method != http.MethodGet {
		return errorReply(http.StatusNotFound, "Not found")
	}
	switch r.URL.Path {
	case "/_sandbox/requests":
		return reply{status: http.StatusOK, body: s.Requests()}
	case "/_sandbox/messages":
		return reply{status: http.StatusOK, body: s.Messages()}
	}
	return errorReply(http.StatusNotFound, "Not found")
}
