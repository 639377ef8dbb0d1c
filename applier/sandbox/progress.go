package sandbox

import (
	"hash/fnv"
	"math/rand"
	"net/http"
	"slices"
	"strings"
	"time"
)

// progressTTL is how long a narrowcast's progress can be read, and its
// request ID used for a redelivery
// (https://developers.line.biz/en/reference/messaging-api/#get-narrowcast-progress-status).
const progressTTL = 14 * 24 * time.Hour

// minRecipients is the fewest people a narrowcast using attributes or
// audiences may reach, and the fewest users of each audience when it uses
// more than one
// (https://developers.line.biz/en/reference/messaging-api/#send-narrowcast-message-restrictions).
const minRecipients = 50

// Narrowcast failure codes
// (https://developers.line.biz/en/reference/messaging-api/#get-narrowcast-progress-status).
const (
	errNotEnoughRecipients = 2
	errSmallAudience       = 4
	errPartialDelivery     = 5
)

var failedDescriptions = map[int]string{
	errNotEnoughRecipients: "There were not enough recipients.",
	errSmallAudience:       "An audience with fewer than 50 users was used.",
	errPartialDelivery:     "The delivery was canceled because forbidPartialDelivery is true.",
}

// settle moves every narrowcast in flight to where it is at now: a
// narrowcast whose waiting phase ended starts (its recipients fixed as of
// that moment, or it fails), and one whose sending phase ended is
// delivered and counted. Phases follow the sandbox clock, so the result
// is the same whenever settle runs. The caller holds s.mu.
func (s *Server) settle(now time.Time) {
	for _, nc := range s.world.narrowcasts {
		if nc.Done {
			continue
		}
		start := nc.Accepted.Add(nc.Wait)
		if now.Before(start) {
			continue
		}
		if !nc.Started {
			s.startNarrowcast(nc, start)
		}
		if end := start.Add(nc.Send); !nc.Done && !now.Before(end) {
			s.finishNarrowcast(nc, end)
		}
	}
}

// startNarrowcast fixes nc's recipients at time at: friends who did not
// block the account, in the recipient, passing the filter, capped at the
// reservation (chosen at random, deterministically), or fails nc.
func (s *Server) startNarrowcast(nc *narrowcast, at time.Time) {
	nc.Started = true
	audiences, requests := targets(nc.Recipient)
	sets := userSets{audiences: map[int64]map[string]bool{}, redelivered: map[string]map[string]bool{}}
	exempt, small := true, false
	for _, id := range audiences {
		a := s.world.audiences[id]
		if a == nil {
			exempt, small = false, true
			continue
		}
		sets.audiences[id] = a.members(s.pop, at)
		if a.Type != "UPLOAD" {
			exempt = false
			small = small || a.count(at) < minRecipients
		}
	}
	for _, id := range requests {
		sets.redelivered[id] = map[string]bool{}
		if src := s.world.narrowcastByID(id); src != nil {
			for _, u := range src.Recipients {
				sets.redelivered[id][u] = true
			}
		}
	}
	matching := s.matching(nc, sets)
	needMin := nc.Filter != nil || len(requests) > 0 || !exempt
	switch {
	case len(audiences) > 1 && small:
		s.failNarrowcast(nc, at, errSmallAudience)
	case needMin && len(matching) < minRecipients:
		s.failNarrowcast(nc, at, errNotEnoughRecipients)
	case nc.Forbid && len(matching) > nc.Reserved:
		s.failNarrowcast(nc, at, errPartialDelivery)
	default:
		nc.Recipients = s.choose(nc.RequestID, matching, nc.Reserved)
		nc.Reserved = len(nc.Recipients)
	}
}

// matching lists, in population order, the friends nc targets.
func (s *Server) matching(nc *narrowcast, sets userSets) []string {
	var out []string
	for _, f := range s.pop.friends {
		switch {
		case f.Blocked:
		case nc.Recipient != nil && !sets.matchRecipient(nc.Recipient, f.UserID):
		case nc.Filter != nil && !matchDemographic(nc.Filter, f):
		case nc.Filter != nil && strings.HasPrefix(f.Area, "th_") && f.Age < 20:
			// Thailand: users under 20 are left out whenever a filter is used.
		default:
			out = append(out, f.UserID)
		}
	}
	return out
}

// choose picks n of users at random, seeded by the request ID, keeping
// their order; all of them when there are at most n.
func (s *Server) choose(requestID string, users []string, n int) []string {
	if len(users) <= n {
		return users
	}
	rng := rand.New(rand.NewSource(int64(hashOf(requestID))))
	picked := rng.Perm(len(users))[:n]
	slices.Sort(picked)
	out := make([]string, n)
	for i, p := range picked {
		out[i] = users[p]
	}
	return out
}

func hashOf(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		_, _ = h.Write([]byte(p))
		_, _ = h.Write([]byte{0})
	}
	return h.Sum64()
}

func (s *Server) failNarrowcast(nc *narrowcast, at time.Time, code int) {
	nc.Done, nc.ErrorCode, nc.Completed = true, code, at
}

// finishNarrowcast delivers nc at time at: a Delivery, and its recipients
// counted in at's quota month.
func (s *Server) finishNarrowcast(nc *narrowcast, at time.Time) {
	nc.Done, nc.Completed = true, at
	s.world.usage[month(at)] += len(nc.Recipients)
	s.world.deliveries = append(s.world.deliveries, Delivery{
		RequestID: nc.RequestID, Endpoint: "narrowcast", At: at,
		To: nc.Recipients, People: len(nc.Recipients), Reached: len(nc.Recipients),
		Messages: nc.Messages,
	})
}

// progressBody is the answer of the progress endpoint
// (https://developers.line.biz/en/reference/messaging-api/#get-narrowcast-progress-status).
type progressBody struct {
	Phase             string  `json:"phase"`
	SuccessCount      *int    `json:"successCount,omitempty"`
	FailureCount      *int    `json:"failureCount,omitempty"`
	TargetCount       *int    `json:"targetCount,omitempty"`
	FailedDescription string  `json:"failedDescription,omitempty"`
	ErrorCode         int     `json:"errorCode,omitempty"`
	AcceptedTime      string  `json:"acceptedTime"`
	CompletedTime     *string `json:"completedTime,omitempty"`
}

// lineTime is LINE's ISO-8601 UTC time with milliseconds.
func lineTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// progress answers GET /v2/bot/message/progress/narrowcast?requestId=.
func (s *Server) progress(ex *exchange) reply {
	id := ex.req.URL.Query().Get("requestId")
	if _, ok := canonicalUUID(id); !ok {
		return reply{status: http.StatusBadRequest, body: errorBody{
			Message: "The value for the 'requestId' parameter is invalid",
			Details: []detail{{Message: "Must be a request ID", Property: "requestId"}}}}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(ex.now)
	nc := s.world.narrowcastByID(id)
	if nc == nil || ex.now.Sub(nc.Accepted) >= progressTTL {
		return errorReply(http.StatusNotFound, "Not found")
	}
	return reply{status: http.StatusOK, body: progressOf(nc)}
}

func progressOf(nc *narrowcast) progressBody {
	b := progressBody{Phase: "waiting", AcceptedTime: lineTime(nc.Accepted)}
	if nc.Done {
		done := lineTime(nc.Completed)
		b.CompletedTime = &done
	}
	zero, n := 0, len(nc.Recipients)
	switch {
	case !nc.Started:
	case nc.ErrorCode != 0:
		b.Phase, b.ErrorCode = "failed", nc.ErrorCode
		b.FailedDescription = failedDescriptions[nc.ErrorCode]
	case nc.Done:
		b.Phase, b.SuccessCount, b.FailureCount, b.TargetCount = "succeeded", &n, &zero, &n
	default:
		b.Phase, b.SuccessCount, b.FailureCount, b.TargetCount = "sending", &zero, &zero, &n
	}
	return b
}
