package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/lineupdev/lineup/planner/rules"
)

// DefaultNarrowcastWait is how long a narrowcast stays in each of its
// waiting and sending phases when Options.NarrowcastDelay is 0.
const DefaultNarrowcastWait = 2 * time.Second

// minAttributeReach is the target reach an account needs to filter a
// narrowcast by attributes
// (https://developers.line.biz/en/reference/messaging-api/#send-narrowcast-message-restrictions).
const minAttributeReach = 100

// narrowcast is one accepted narrowcast and how far it got. It goes
// waiting (Wait) -> sending (Send) -> succeeded, or fails when its
// delivery starts; see settle.
type narrowcast struct {
	RequestID string            `json:"request_id"`
	Accepted  time.Time         `json:"accepted"`
	Wait      time.Duration     `json:"wait"`
	Send      time.Duration     `json:"send"`
	Messages  []json.RawMessage `json:"messages"`
	// Recipient and Filter are the request's recipient and
	// filter.demographic trees, nil when absent.
	Recipient any  `json:"recipient,omitempty"`
	Filter    any  `json:"filter,omitempty"`
	Max       int  `json:"max,omitempty"`
	UpTo      bool `json:"up_to_remaining_quota,omitempty"`
	Forbid    bool `json:"forbid_partial_delivery,omitempty"`
	// Reserved is the count held against the monthly limit while the
	// narrowcast is in flight, and its send cap
	// (https://developers.line.biz/en/reference/messaging-api/#send-narrowcast-limit).
	Reserved int  `json:"reserved"`
	Started  bool `json:"started,omitempty"`
	// Recipients are whom it reaches, fixed when delivery starts.
	Recipients []string  `json:"recipients,omitempty"`
	Done       bool      `json:"done,omitempty"`
	ErrorCode  int       `json:"error_code,omitempty"`
	Completed  time.Time `json:"completed,omitzero"`
}

// succeeded reports whether the narrowcast was delivered.
func (nc *narrowcast) succeeded() bool { return nc.Done && nc.ErrorCode == 0 }

// narrowcast answers POST /v2/bot/message/narrowcast
// (https://developers.line.biz/en/reference/messaging-api/#send-narrowcast-message):
// 202 {} once the request is accepted; recipients, limits and the
// minimum-recipient rules are applied when delivery starts, and their
// failures show only in the progress (progress.go). Synchronous answers:
// 400 for broken rules, unknown or not READY audiences and bad
// redelivery request IDs; 403 for an attribute filter with a target
// reach under 100; 429 when, without upToRemainingQuota, the planned
// count (target reach, or max) passes the remaining monthly limit (the
// docs call it a request error).
func (s *Server) narrowcast(ex *exchange) reply {
	ps := rules.Narrowcast(ex.body)
	ps = append(ps, pushOptions(ex.body)...)
	for _, p := range ps {
		if p.Path == "limit.forbidPartialDelivery" && p.Message == rules.ForbidPartialDeliveryMessage {
			return errorReply(http.StatusBadRequest, p.Message)
		}
	}
	if len(ps) > 0 {
		return sendProblemsReply(ps)
	}
	nc := s.newNarrowcast(ex)
	if nc.Filter != nil && s.pop.reach < minAttributeReach {
		return errorReply(http.StatusForbidden, "Your account does not have enough friends")
	}
	return s.accept(ex, 0, func(w *world) ([]SentMessage, *reply) {
		return nil, s.admitNarrowcast(ex.now, nc)
	})
}

// newNarrowcast reads a checked narrowcast body.
func (s *Server) newNarrowcast(ex *exchange) *narrowcast {
	wait := s.narrowcastWait()
	nc := &narrowcast{RequestID: ex.requestID, Accepted: ex.now, Wait: wait, Send: wait,
		Messages: rawObjects(ex.body["messages"].([]any)), Recipient: ex.body["recipient"]}
	if filter, _ := ex.body["filter"].(map[string]any); filter != nil {
		nc.Filter = filter["demographic"]
	}
	if limit, _ := ex.body["limit"].(map[string]any); limit != nil {
		max, _ := limit["max"].(float64)
		nc.Max = int(max)
		nc.UpTo, _ = limit["upToRemainingQuota"].(bool)
		nc.Forbid, _ = limit["forbidPartialDelivery"].(bool)
	}
	return nc
}

func (s *Server) narrowcastWait() time.Duration {
	switch d := time.Duration(s.narrowcastDelay.Load()); {
	case d < 0:
		return 0
	case d == 0:
		return DefaultNarrowcastWait
	default:
		return d
	}
}

// admitNarrowcast checks what a narrowcast names against the world at
// now and reserves its quota; nil means it was admitted. The caller
// holds s.mu.
func (s *Server) admitNarrowcast(now time.Time, nc *narrowcast) *reply {
	audiences, requests := targets(nc.Recipient)
	for _, id := range audiences {
		a := s.world.audiences[id]
		if st, _ := a.statusOrNone(now); st != "READY" {
			rep := errorReply(http.StatusBadRequest, fmt.Sprintf("Invalid audience group id: %d", id))
			return &rep
		}
	}
	for _, id := range requests {
		src := s.world.narrowcastByID(id)
		if src == nil || !src.succeeded() || now.Sub(src.Accepted) >= progressTTL {
			rep := errorReply(http.StatusBadRequest, "Invalid request id: "+id)
			return &rep
		}
	}
	reserved, ok := s.reservation(now, nc)
	if !ok {
		rep := monthlyLimitReply()
		return &rep
	}
	nc.Reserved = reserved
	s.world.addNarrowcast(nc)
	return nil
}

// reservation is what a narrowcast reserves and may send at most
// (https://developers.line.biz/en/reference/messaging-api/#send-narrowcast-limit): the target reach, lowered by max and, with upToRemainingQuota,
// by the remaining monthly limit. Without upToRemainingQuota, a count
// above the remaining limit is refused (ok false). The caller holds s.mu.
func (s *Server) reservation(now time.Time, nc *narrowcast) (reserved int, ok bool) {
	reserved = s.pop.reach
	if nc.Max > 0 {
		reserved = min(reserved, nc.Max)
	}
	limit := s.opts.MonthlyLimit
	if limit <= 0 {
		return reserved, true
	}
	remaining := max(0, limit-s.world.usage[month(now)]-s.world.reservedQuota())
	if nc.UpTo {
		return min(reserved, remaining), true
	}
	return reserved, reserved <= remaining
}

// statusOrNone is a's status, or "" for a deleted audience (nil).
func (a *audience) statusOrNone(now time.Time) (string, string) {
	if a == nil {
		return "", ""
	}
	return a.status(now)
}

// narrowcastByID returns the narrowcast accepted as requestID, or nil.
func (w *world) narrowcastByID(requestID string) *narrowcast {
	return w.narrowcastIndex[requestID]
}

func (w *world) addNarrowcast(nc *narrowcast) {
	w.narrowcasts = append(w.narrowcasts, nc)
	w.narrowcastIndex[nc.RequestID] = nc
}

// reservedQuota is what the narrowcasts in flight hold against the
// monthly limit. The caller holds the lock and has settled the world.
func (w *world) reservedQuota() int {
	n := 0
	for _, nc := range w.narrowcasts {
		if !nc.Done {
			n += nc.Reserved
		}
	}
	return n
}
