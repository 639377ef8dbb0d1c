package sandbox

import (
	"encoding/json"
	"math"
	"net/http"
	"time"

	"github.com/lineupdev/lineup/lang"
)

// minShown is the smallest count LINE's statistics show: a smaller one is
// null, so that no user can be singled out.
const minShown = 20

// messageEventBody is the answer of GET /v2/bot/insight/message/event.
type messageEventBody struct {
	Overview eventOverview  `json:"overview"`
	Messages []eventMessage `json:"messages"`
	Clicks   []eventClick   `json:"clicks"`
}

type eventOverview struct {
	RequestID                   string `json:"requestId"`
	Timestamp                   *int64 `json:"timestamp"`
	Delivered                   *int   `json:"delivered"`
	UniqueImpression            *int   `json:"uniqueImpression"`
	UniqueClick                 *int   `json:"uniqueClick"`
	UniqueMediaPlayed           *int   `json:"uniqueMediaPlayed"`
	UniqueMediaPlayed100Percent *int   `json:"uniqueMediaPlayed100Percent"`
}

type eventMessage struct {
	Seq        int  `json:"seq"`
	Impression *int `json:"impression"`
}

type eventClick struct {
	Seq                  int    `json:"seq"`
	URL                  string `json:"url"`
	Click                *int   `json:"click"`
	UniqueClick          *int   `json:"uniqueClick"`
	UniqueClickOfRequest *int   `json:"uniqueClickOfRequest"`
}

// messageEvent answers GET /v2/bot/insight/message/event?requestId=
// (https://developers.line.biz/en/reference/messaging-api/#get-message-event)
// for a narrowcast or broadcast: once its delivery is done, the overview
// has its time and how many it reached; from the next day (JST), when
// LINE has counted them, who saw it and who opened a link: the same
// people the impression and click audiences of the request hold
// (impressionFraction, clickFraction of those reached), each URL of its
// messages opened by all who clicked. A count under 20 is null, as LINE
// shows none. A request ID the sandbox did not deliver (a push, a
// multicast, an unknown one, a narrowcast still delivering) has only
// nulls: the sandbox's answer where LINE's documentation says none.
func (s *Server) messageEvent(ex *exchange) reply {
	id := ex.req.URL.Query().Get("requestId")
	if id == "" {
		return errorReply(http.StatusBadRequest, "The value for the 'requestId' parameter is invalid")
	}
	body := messageEventBody{Overview: eventOverview{RequestID: id}, Messages: []eventMessage{}, Clicks: []eventClick{}}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(ex.now)
	reached, sent, ok := s.reachedBy(id)
	if !ok {
		return reply{status: http.StatusOK, body: body}
	}
	ts, delivered := sent.Unix(), len(reached)
	body.Overview.Timestamp, body.Overview.Delivered = &ts, &delivered
	if ex.now.Before(startOfDay(sent).Add(24 * time.Hour)) {
		return reply{status: http.StatusOK, body: body}
	}
	saw, clicked := 0, 0
	for _, user := range reached {
		if float64(hashOf("IMP", id, user)) < impressionFraction*math.MaxUint64 {
			saw++
		}
		if float64(hashOf("CLICK", id, user)) < clickFraction*math.MaxUint64 {
			clicked++
		}
	}
	body.Overview.UniqueImpression, body.Overview.UniqueClick = shown(saw), shown(clicked)
	for i, m := range s.world.messagesOf(id) {
		body.Messages = append(body.Messages, eventMessage{Seq: i + 1, Impression: shown(saw)})
		for _, url := range linksOf(m) {
			body.Clicks = append(body.Clicks, eventClick{Seq: i + 1, URL: url, Click: shown(clicked),
				UniqueClick: shown(clicked), UniqueClickOfRequest: shown(clicked)})
		}
	}
	return reply{status: http.StatusOK, body: body}
}

// shown is n, or nil when LINE would not show it.
func shown(n int) *int {
	if n < minShown {
		return nil
	}
	return &n
}

// messagesOf are the message objects of the delivery of requestID.
func (w *world) messagesOf(requestID string) []any {
	for _, d := range w.deliveries {
		if d.RequestID != requestID {
			continue
		}
		out := make([]any, len(d.Messages))
		for i, raw := range d.Messages {
			_ = json.Unmarshal(raw, &out[i]) // the sandbox wrote them from JSON
		}
		return out
	}
	return nil
}

// linksOf lists the URLs of the uri actions in a message object, each
// once, in the order they appear.
func linksOf(message any) []string {
	var urls []string
	seen := map[string]bool{}
	lang.Walk("", message, func(_ *lang.Path, v any) bool {
		obj, ok := v.(map[string]any)
		if !ok || obj["type"] != "uri" {
			return true
		}
		if u, _ := obj["uri"].(string); u != "" && !seen[u] {
			seen[u] = true
			urls = append(urls, u)
		}
		return true
	})
	return urls
}
