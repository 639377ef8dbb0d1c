package sandbox

import (
	"net/http"
	"time"
)

// followersBody is the answer of GET /v2/bot/insight/followers; the
// numbers are null while the status is not "ready".
type followersBody struct {
	Status          string `json:"status"`
	Followers       *int   `json:"followers"`
	TargetedReaches *int   `json:"targetedReaches"`
	Blocks          *int   `json:"blocks"`
}

// insightStart is the first day LINE has friend statistics for.
var insightStart = time.Date(2016, 11, 1, 0, 0, 0, 0, jst)

// followers answers GET /v2/bot/insight/followers?date=yyyyMMdd
// (https://developers.line.biz/en/reference/messaging-api/#get-number-of-followers): a day (JST) before today is "ready" with the population's
// numbers (every friend ever, those not blocking, those blocking); today
// and later are "unready", as LINE's data comes a day late; days before
// 2016-11-01 are "out_of_service".
func (s *Server) followers(ex *exchange) reply {
	q := ex.req.URL.Query()
	if !q.Has("date") {
		return errorReply(http.StatusBadRequest, "date is required")
	}
	day, err := time.ParseInLocation("20060102", q.Get("date"), jst)
	if err != nil {
		return errorReply(http.StatusBadRequest, "Bad Request")
	}
	today := startOfDay(ex.now)
	switch {
	case day.Before(insightStart):
		return reply{status: http.StatusOK, body: followersBody{Status: "out_of_service"}}
	case !day.Before(today):
		return reply{status: http.StatusOK, body: followersBody{Status: "unready"}}
	}
	all, reach := len(s.pop.friends), s.pop.reach
	blocks := all - reach
	return reply{status: http.StatusOK, body: followersBody{Status: "ready",
		Followers: &all, TargetedReaches: &reach, Blocks: &blocks}}
}
