package sandbox

import (
	"math"
	"net/http"
	"time"
	"unicode/utf8"
)

// createClickAudience answers POST /v2/bot/audienceGroup/click.
func (s *Server) createClickAudience(ex *exchange) reply {
	url, _ := ex.body["clickUrl"].(string)
	if utf8.RuneCountInString(url) > 2000 {
		return audienceError(http.StatusBadRequest, "size over clickUrl", "AUDIENCE_GROUP_CLICK_URL_SIZE_OVER")
	}
	return s.createRetarget(ex, "CLICK", url)
}

// createImpAudience answers POST /v2/bot/audienceGroup/imp.
func (s *Server) createImpAudience(ex *exchange) reply {
	return s.createRetarget(ex, "IMP", "")
}

// createRetarget creates a CLICK or IMP audience from the request ID of
// a narrowcast or broadcast sent within 60 days
// (https://developers.line.biz/en/reference/messaging-api/#create-click-audience-group,
// #create-imp-audience-group). Its members
// are a fixed share of the people the send reached (clickFraction,
// impressionFraction), drawn per user from the request ID. It is
// IN_PROGRESS for Options.AudienceDelay, then READY with 50 members or
// more, else FAILED (AUDIENCE_GROUP_AUDIENCE_INSUFFICIENT).
func (s *Server) createRetarget(ex *exchange, typ, url string) reply {
	desc, rep := checkDescription(ex.body["description"])
	if rep != nil {
		return *rep
	}
	requestID, _ := ex.body["requestId"].(string)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(ex.now)
	reached, sent, ok := s.reachedBy(requestID)
	switch {
	case !ok:
		return audienceError(http.StatusBadRequest, "request not found", "REQUEST_NOT_FOUND")
	case ex.now.Sub(sent) > retargetWindow:
		return audienceError(http.StatusBadRequest, "too old messages", "TOO_OLD_MESSAGES")
	case s.world.hasRetarget(typ, requestID, url):
		return audienceError(http.StatusBadRequest, "audience group request id duplicate",
			"AUDIENCE_GROUP_REQUESTID_DUPLICATE")
	}
	a, rep := s.world.newAudience(ex.now, typ, desc)
	if rep != nil {
		return *rep
	}
	a.RequestID, a.ClickURL = requestID, url
	a.ReadyAt = ex.now.Add(s.audienceWait())
	fraction := impressionFraction
	if typ == "CLICK" {
		fraction = clickFraction
	}
	var ids []uid
	for _, user := range reached {
		if float64(hashOf(typ, requestID, user)) < fraction*math.MaxUint64 {
			if id, ok := parseUID(user, false); ok {
				ids = append(ids, id)
			}
		}
	}
	s.world.addJob(a, sortedUIDs(ids), nil, ex.now, s.audienceWait())
	return reply{status: http.StatusAccepted, body: summaryOf(a)}
}

// reachedBy returns the people a succeeded narrowcast or a broadcast
// reached, and when it was sent; ok is false for any other request ID
// (push, multicast, unknown, or a narrowcast not delivered yet). The
// caller holds s.mu and has settled the world.
func (s *Server) reachedBy(requestID string) (users []string, sent time.Time, ok bool) {
	if nc := s.world.narrowcastByID(requestID); nc != nil {
		return nc.Recipients, nc.Accepted, nc.succeeded()
	}
	for _, d := range s.world.deliveries {
		if d.RequestID != requestID || d.Endpoint != "broadcast" {
			continue
		}
		for _, f := range s.pop.friends {
			if !f.Blocked {
				users = append(users, f.UserID)
			}
		}
		return users, d.At, true
	}
	return nil, time.Time{}, false
}

// hasRetarget reports whether an audience of typ already comes from
// requestID (and, for CLICK, url).
func (w *world) hasRetarget(typ, requestID, url string) bool {
	for _, a := range w.audiences {
		if a.Type == typ && a.RequestID == requestID && a.ClickURL == url {
			return true
		}
	}
	return false
}
