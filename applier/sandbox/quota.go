package sandbox

import (
	"net/http"
	"time"
)

// Messages are counted per recipient person, as LINE counts them
// (https://developers.line.biz/en/docs/messaging-api/pricing/):
// a push to a friend counts 1, to a group or room its members, a
// multicast its distinct friends, a broadcast every friend who did not
// block the account. Replies, and sends to users who blocked the account
// or are not friends, are not counted (reach.go).

// DefaultFriends is the size of the generated population when
// Options.Friends is 0.
const DefaultFriends = 3000

// jst is LINE's time zone; quota months start at midnight JST.
var jst = time.FixedZone("JST", 9*60*60)

// month is the quota month of t, as a world usage key: "2026-11".
func month(t time.Time) string { return t.In(jst).Format("2006-01") }

// friends is how many people a broadcast counts: the friends who did
// not block the account.
func (s *Server) friends() int { return s.pop.reach }

// overQuota reports whether sending to n more people at now would pass
// the monthly limit, counting what narrowcasts in flight reserve
// (https://developers.line.biz/en/reference/messaging-api/#send-narrowcast-message-cautions).
// The caller holds s.mu and has settled the world.
func (s *Server) overQuota(now time.Time, n int) bool {
	limit := s.opts.MonthlyLimit
	return limit > 0 && s.world.usage[month(now)]+s.world.reservedQuota()+n > limit
}

func monthlyLimitReply() reply {
	return errorReply(http.StatusTooManyRequests, "You have reached your monthly limit.")
}

type quotaBody struct {
	Type  string `json:"type"`
	Value *int   `json:"value,omitempty"`
}

// SetMonthlyLimit changes the month's message allowance (0: none), as a
// change of plan in LINE Official Account Manager would.
func (s *Server) SetMonthlyLimit(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.MonthlyLimit = n
}

// quota answers GET /v2/bot/message/quota.
func (s *Server) quota(*exchange) reply {
	s.mu.Lock()
	limit := s.opts.MonthlyLimit
	s.mu.Unlock()
	if limit <= 0 {
		return reply{status: http.StatusOK, body: quotaBody{Type: "none"}}
	}
	return reply{status: http.StatusOK, body: quotaBody{Type: "limited", Value: &limit}}
}

type consumptionBody struct {
	TotalUsage int `json:"totalUsage"`
}

// consumption answers GET /v2/bot/message/quota/consumption: the people
// counted so far this month.
func (s *Server) consumption(ex *exchange) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(ex.now)
	return reply{status: http.StatusOK, body: consumptionBody{TotalUsage: s.world.usage[month(ex.now)]}}
}

// Usage is how many people the sends of the sandbox's current month
// counted.
func (s *Server) Usage() int {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(now)
	return s.world.usage[month(now)]
}
