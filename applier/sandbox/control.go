package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// serveSandbox answers the sandbox's own paths, which need no token:
//
//	GET  /_sandbox/requests    the request log
//	GET  /_sandbox/messages    delivered messages (push)
//	GET  /_sandbox/deliveries  accepted sends (push, multicast, broadcast)
//	GET  /_sandbox/clock       the sandbox's time
//	POST /_sandbox/clock       {"advance":"25h"} moves it forward
//	GET  /_sandbox/faults      {"faults":"drop-after=0.5"}
//	POST /_sandbox/faults      {"faults":"..."} replaces the faults
//	GET  /_sandbox/population  friends, groups and rooms (population.go)
//	GET  /_sandbox/endpoints   the LINE endpoints emulated (route.go)
func (s *Server) serveSandbox(r *http.Request) reply {
	switch r.Method + " " + r.URL.Path {
	case "GET /_sandbox/requests":
		return reply{status: http.StatusOK, body: s.Requests()}
	case "GET /_sandbox/messages":
		return reply{status: http.StatusOK, body: s.Messages()}
	case "GET /_sandbox/deliveries":
		return reply{status: http.StatusOK, body: s.Deliveries()}
	case "GET /_sandbox/clock", "POST /_sandbox/clock":
		return s.serveClock(r)
	case "GET /_sandbox/faults":
		return reply{status: http.StatusOK, body: faultsBody{Faults: s.currentFaults().String()}}
	case "POST /_sandbox/faults":
		return s.serveSetFaults(r)
	case "GET /_sandbox/population":
		return s.servePopulation()
	case "GET /_sandbox/endpoints":
		return reply{status: http.StatusOK, body: s.Endpoints()}
	}
	return errorReply(http.StatusNotFound, "Not found")
}

type faultsBody struct {
	Faults string `json:"faults"`
}

func (s *Server) currentFaults() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults
}

func (s *Server) serveSetFaults(r *http.Request) reply {
	var req faultsBody
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return errorReply(http.StatusBadRequest, fmt.Sprintf("want {\"faults\":\"KIND=P,...\"}: %v", err))
	}
	fs, err := ParseFaults(req.Faults)
	if err != nil {
		return errorReply(http.StatusBadRequest, err.Error())
	}
	s.SetFaults(fs)
	return reply{status: http.StatusOK, body: faultsBody{Faults: fs.String()}}
}
