package line

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/line/line-bot-sdk-go/v8/linebot"
	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
)

// MessageEvent is LINE's statistics of a narrowcast or broadcast: how
// many it reached, saw it and opened a link. A nil count is one LINE
// does not show: not counted yet, or under 20.
type MessageEvent struct {
	RequestID        string
	Sent             time.Time // zero when LINE gave no time
	Delivered        *int64
	UniqueImpression *int64
	UniqueClick      *int64
	Clicks           []URLClicks
}

// URLClicks are the opens of one URL of a message.
type URLClicks struct {
	Seq         int
	URL         string
	Click       *int64
	UniqueClick *int64
}

type messageEventJSON struct {
	Overview struct {
		RequestID        string `json:"requestId"`
		Timestamp        *int64 `json:"timestamp"`
		Delivered        *int64 `json:"delivered"`
		UniqueImpression *int64 `json:"uniqueImpression"`
		UniqueClick      *int64 `json:"uniqueClick"`
	} `json:"overview"`
	Clicks []struct {
		Seq         int    `json:"seq"`
		URL         string `json:"url"`
		Click       *int64 `json:"click"`
		UniqueClick *int64 `json:"uniqueClick"`
	} `json:"clicks"`
}

// MessageEvent reads the statistics of the narrowcast or broadcast of
// requestID
// (https://developers.line.biz/en/reference/messaging-api/#get-message-event).
// It does not go through the SDK, whose model reads LINE's null counts
// (not counted yet, or under 20) as 0.
func (c *Client) MessageEvent(ctx context.Context, requestID string) (*MessageEvent, error) {
	u := c.endpoint + "/v2/bot/insight/message/event?requestId=" + url.QueryEscape(requestID)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("User-Agent", "LINE-BotSDK-Go/"+linebot.GetVersion())
	res, err := c.http.Do(req)
	if err != nil {
		return nil, &NetworkError{Err: err}
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, readError(res)
	}
	var body messageEventJSON
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("reading the statistics of request %s: %w", requestID, err)
	}
	o := body.Overview
	ev := &MessageEvent{RequestID: requestID, Delivered: o.Delivered, UniqueImpression: o.UniqueImpression,
		UniqueClick: o.UniqueClick}
	if o.Timestamp != nil {
		ev.Sent = time.Unix(*o.Timestamp, 0).UTC()
	}
	for _, cl := range body.Clicks {
		ev.Clicks = append(ev.Clicks, URLClicks{Seq: cl.Seq, URL: cl.URL, Click: cl.Click, UniqueClick: cl.UniqueClick})
	}
	return ev, nil
}

// DeliveryCount is how many messages of one kind the channel sent on one
// day (JST), as LINE counts them: Status "ready" with Success, or
// "unready" (counted about a day later), "unavailable_for_privacy"
// (fewer than 20) or "out_of_service" (before 2018-03-31).
type DeliveryCount struct {
	Status  string
	Success int64
}

// DeliveryCount reads the number of messages of kind ("reply", "push",
// "multicast" or "broadcast") sent on date, yyyyMMdd in JST
// (https://developers.line.biz/en/reference/messaging-api/#get-number-of-push-messages).
func (c *Client) DeliveryCount(ctx context.Context, kind, date string) (*DeliveryCount, error) {
	api, err := c.messaging(ctx)
	if err != nil {
		return nil, err
	}
	var res *http.Response
	var n *messaging_api.NumberOfMessagesResponse
	switch kind {
	case "reply":
		res, n, err = api.GetNumberOfSentReplyMessagesWithHttpInfo(date)
	case "push":
		res, n, err = api.GetNumberOfSentPushMessagesWithHttpInfo(date)
	case "multicast":
		res, n, err = api.GetNumberOfSentMulticastMessagesWithHttpInfo(date)
	case "broadcast":
		res, n, err = api.GetNumberOfSentBroadcastMessagesWithHttpInfo(date)
	default:
		return nil, fmt.Errorf("no delivery count for %q sends", kind)
	}
	if err != nil {
		return nil, apiError(res, err)
	}
	return &DeliveryCount{Status: string(n.Status), Success: n.Success}, nil
}
