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
		Query:     r.URL.RawQuery,
		Status:    rep.status,
		RetryKey:  ex.retryKey,
		RequestID: ex.requestID,
		Accepted:  ex.accepted,
		Fault:     ex.fault,
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

// AcceptedByKey counts, per canonical retry key, the logged requests the
// sandbox accepted with that key: more than 1 means a duplicate send.
func (s *Server) AcceptedByKey() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for _, r := range s.world.requests {
		if key, ok := canonicalUUID(r.RetryKey); ok && r.Accepted {
			out[key]++
		}
	}
	return out
}
