package sandbox

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/lineupdev/lineup/planner/rules"
)

// addAccountRoutes adds the delivery counts, the loading animation, the
// bot's info and the profiles of users.
func addAccountRoutes(rt *router) {
	for _, kind := range []string{"reply", "push", "multicast", "broadcast"} {
		rt.add(&endpoint{method: http.MethodGet, pattern: "/v2/bot/message/delivery/" + kind,
			name: "delivery/" + kind, status: http.StatusOK, handle: (*Server).deliveryCount})
	}
	rt.add(&endpoint{method: http.MethodPost, pattern: "/v2/bot/chat/loading/start", name: "chat/loading",
		json: true, status: http.StatusAccepted, handle: (*Server).loading})
	rt.add(&endpoint{method: http.MethodGet, pattern: "/v2/bot/info", name: "info",
		status: http.StatusOK, handle: (*Server).botInfo})
	rt.add(&endpoint{method: http.MethodGet, pattern: "/v2/bot/profile/{userId}", name: "profile",
		status: http.StatusOK, handle: (*Server).profile})
}

// deliveryCountBody is the answer of the delivery-count endpoints;
// success is there only when the status is "ready".
type deliveryCountBody struct {
	Status  string `json:"status"`
	Success *int   `json:"success,omitempty"`
}

// deliveryStart is the first day LINE counts sent messages for.
var deliveryStart = time.Date(2018, 3, 31, 0, 0, 0, 0, jst)

var yyyyMMdd = regexp.MustCompile(`^[0-9]{8}$`)

// deliveryCount answers GET /v2/bot/message/delivery/{kind}?date=yyyyMMdd
// (https://developers.line.biz/en/reference/messaging-api/#get-number-of-reply-messages,
// #get-number-of-push-messages, #get-number-of-multicast-messages,
// #get-number-of-broadcast-messages): for a day (JST) before today,
// "ready" with how many people the day's accepted sends of that kind
// reached; today and later "unready", as LINE counts a day late; days
// before 2018-03-31 "out_of_service". A missing or malformed date is a
// 400.
func (s *Server) deliveryCount(ex *exchange) reply {
	date := ex.req.URL.Query().Get("date")
	day, err := time.ParseInLocation("20060102", date, jst)
	if err != nil || !yyyyMMdd.MatchString(date) {
		return errorReply(http.StatusBadRequest, "The value for the 'date' parameter is invalid")
	}
	switch {
	case day.Before(deliveryStart):
		return reply{status: http.StatusOK, body: deliveryCountBody{Status: "out_of_service"}}
	case !day.Before(startOfDay(ex.now)):
		return reply{status: http.StatusOK, body: deliveryCountBody{Status: "unready"}}
	}
	kind := strings.TrimPrefix(ex.endpoint.name, "delivery/")
	n := 0
	s.mu.Lock()
	for _, d := range s.world.deliveries {
		if d.Endpoint == kind && startOfDay(d.At).Equal(day) {
			n += d.Reached
		}
	}
	s.mu.Unlock()
	return reply{status: http.StatusOK, body: deliveryCountBody{Status: "ready", Success: &n}}
}

// startOfDay is midnight JST of t's day in JST.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(jst).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, jst)
}

// Loading animation limits: seconds from 5 to 60 in steps of 5, 20 when
// absent.
const (
	minLoadingSeconds = 5
	maxLoadingSeconds = 60
)

// loading answers POST /v2/bot/chat/loading/start
// (https://developers.line.biz/en/reference/messaging-api/#display-a-loading-indicator):
// 202 {} for any user ID, friend or not; a group, room or malformed ID,
// or loadingSeconds out of 5..60 or not a multiple of 5, is a 400 with
// LINE's details. Nothing is shown to anyone: the request log keeps it.
func (s *Server) loading(ex *exchange) reply {
	var ps []rules.Problem
	chat, _ := ex.body["chatId"].(string)
	if !rules.UserID(chat) {
		ps = append(ps, rules.Problem{Path: "chatId", Summary: "Not a user ID",
			Message: "Only user id is acceptable, please confirm if there are any group/room ids or illegal ids."})
	}
	if v, ok := ex.body["loadingSeconds"]; ok && v != nil {
		seconds := rules.Problem{Path: "loadingSeconds", Summary: "Invalid loading seconds"}
		n, isNum := v.(float64)
		switch {
		case !isNum || n != float64(int(n)):
			seconds.Message = "Must be an integer"
		case n < minLoadingSeconds || n > maxLoadingSeconds:
			seconds.Message = "Must be between 5 and 60"
		case int(n)%5 != 0:
			seconds.Message = "must be a multiple of five"
		}
		if seconds.Message != "" {
			ps = append(ps, seconds)
		}
	}
	if len(ps) > 0 {
		return problemsReply(ps)
	}
	return reply{status: http.StatusAccepted, body: struct{}{}}
}

// botInfoBody is the answer of GET /v2/bot/info.
type botInfoBody struct {
	UserID         string `json:"userId"`
	BasicID        string `json:"basicId"`
	DisplayName    string `json:"displayName"`
	ChatMode       string `json:"chatMode"`
	MarkAsReadMode string `json:"markAsReadMode"`
}

// botInfo answers GET /v2/bot/info
// (https://developers.line.biz/en/reference/messaging-api/#get-bot-info):
// the bot's user ID is the destination of the sandbox's webhooks; chat
// is off, so messages are read automatically.
func (s *Server) botInfo(*exchange) reply {
	s.mu.Lock()
	bot := s.hook.bot
	s.mu.Unlock()
	return reply{status: http.StatusOK, body: botInfoBody{UserID: bot, BasicID: "@" + bot[1:9],
		DisplayName: "lineup sandbox", ChatMode: "bot", MarkAsReadMode: "auto"}}
}

// profileBody is the answer of GET /v2/bot/profile/{userId}.
type profileBody struct {
	DisplayName string `json:"displayName"`
	UserID      string `json:"userId"`
	Language    string `json:"language,omitempty"`
}

// profile answers GET /v2/bot/profile/{userId}
// (https://developers.line.biz/en/reference/messaging-api/#get-profile):
// the profile of a friend who did not block the account, or of someone
// who wrote to the bot, named after their place in the population;
// 404 "Not found" for anyone else, 400 for a malformed ID.
func (s *Server) profile(ex *exchange) reply {
	user := ex.params["userId"]
	if !rules.UserID(user) {
		return errorReply(http.StatusBadRequest, "The value for the 'userId' parameter is invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.pop.byID[user]; ok {
		if s.pop.friends[i].Blocked {
			return errorReply(http.StatusNotFound, "Not found")
		}
		return reply{status: http.StatusOK, body: profileBody{
			DisplayName: fmt.Sprintf("Friend %d", i+1), UserID: user, Language: "ja"}}
	}
	if _, ok := s.world.contacts[user]; ok {
		return reply{status: http.StatusOK, body: profileBody{DisplayName: "User " + user[1:7], UserID: user}}
	}
	return errorReply(http.StatusNotFound, "Not found")
}
