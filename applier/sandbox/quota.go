package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// Messages are counted per recipient person (facts §13): a push to a user
// counts 1, a push to a group or room counts its members, a multicast its
// distinct users, a broadcast every friend. Replies are not counted.

// DefaultGroupMembers is how many people a push to a group or room counts:
// the sandbox does not know who is in a group, so every group and room
// counts as this many members (LINE counts members excluding the bot).
const DefaultGroupMembers = 5

// DefaultFriends is the size of the generated population when
// Options.Friends is 0.
const DefaultFriends = 3000

// jst is LINE's time zone; quota months start at midnight JST.
var jst = time.FixedZone("JST", 9*60*60)

// month is the quota month of t, as a world usage key: "2026-11".
func month(t time.Time) string { return t.In(jst).Format("2006-01") }

// chatMembers is how many people a send to chat counts.
func chatMembers(chat string) int {
	if strings.HasPrefix(chat, "U") {
		return 1
	}
	return DefaultGroupMembers
}

// friends is how many people a broadcast counts: the friends who did
// not block the account.
func (s *Server) friends() int { return s.pop.reach }

// overQuota reports whether sending to n more people at now would pass
// the monthly limit, counting what narrowcasts in flight reserve (facts
// §8.5). The caller holds s.mu and has settled the world.
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
