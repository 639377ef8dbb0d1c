package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Now is the sandbox's time: Options.Now (or time.Now) moved forward by
// every Advance so far.
func (s *Server) Now() time.Time {
	return s.now().Add(time.Duration(s.offset.Load()))
}

// Advance moves the sandbox's clock forward by d (back, if d < 0), e.g.
// past the 24 hours a retry key lives.
func (s *Server) Advance(d time.Duration) {
	s.offset.Add(int64(d))
}

// clockBody is the answer of GET and POST /_sandbox/clock.
type clockBody struct {
	Now time.Time `json:"now"`
}

// serveClock answers GET /_sandbox/clock with the sandbox's time, and
// POST /_sandbox/clock {"advance":"25h"} by moving it forward (a Go
// duration) and answering the new time.
func (s *Server) serveClock(r *http.Request) reply {
	if r.Method == http.MethodGet {
		return reply{status: http.StatusOK, body: clockBody{Now: s.Now()}}
	}
	var req struct {
		Advance string `json:"advance"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return errorReply(http.StatusBadRequest, fmt.Sprintf("want {\"advance\":\"DURATION\"}: %v", err))
	}
	d, err := time.ParseDuration(req.Advance)
	if err != nil {
		return errorReply(http.StatusBadRequest, fmt.Sprintf("advance: %v", err))
	}
	s.Advance(d)
	return reply{status: http.StatusOK, body: clockBody{Now: s.Now()}}
}
