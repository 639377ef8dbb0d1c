package line

import (
	"context"
	"net/http"
	"time"

	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
)

// SendResult is an accepted multicast, broadcast or narrowcast.
type SendResult struct {
	// RequestID is the X-Line-Request-Id of the accepted request (for a
	// duplicate, the X-Line-Accepted-Request-Id).
	RequestID string
	// Duplicate is true when LINE answered 409: the retry key had been
	// accepted before.
	Duplicate bool
}

// Multicast sends a multicast request body (at most 500 users).
func (c *Client) Multicast(ctx context.Context, body map[string]any, retryKey string) (*SendResult, error) {
	req := &messaging_api.MulticastRequest{}
	if err := convert(body, req); err != nil {
		return nil, err
	}
	api, err := c.messaging(ctx)
	if err != nil {
		return nil, err
	}
	res, _, err := api.MulticastWithHttpInfo(req, retryKey)
	return sendResult(res, err)
}

// Broadcast sends a broadcast request body.
func (c *Client) Broadcast(ctx context.Context, body map[string]any, retryKey string) (*SendResult, error) {
	req := &messaging_api.BroadcastRequest{}
	if err := convert(body, req); err != nil {
		return nil, err
	}
	api, err := c.messaging(ctx)
	if err != nil {
		return nil, err
	}
	res, _, err := api.BroadcastWithHttpInfo(req, retryKey)
	return sendResult(res, err)
}

// Narrowcast sends a narrowcast request body; LINE answers 202 and
// delivers asynchronously (see NarrowcastProgress).
func (c *Client) Narrowcast(ctx context.Context, body map[string]any, retryKey string) (*SendResult, error) {
	req := &messaging_api.NarrowcastRequest{}
	if err := convert(body, req); err != nil {
		return nil, err
	}
	api, err := c.messaging(ctx)
	if err != nil {
		return nil, err
	}
	res, _, err := api.NarrowcastWithHttpInfo(req, retryKey)
	return sendResult(res, err)
}

func sendResult(res *http.Response, err error) (*SendResult, error) {
	if err == nil {
		return &SendResult{RequestID: res.Header.Get("X-Line-Request-Id")}, nil
	}
	if res == nil {
		return nil, &NetworkError{Err: err}
	}
	apiErr := readError(res)
	if res.StatusCode == http.StatusConflict && apiErr.AcceptedRequestID != "" {
		return &SendResult{RequestID: apiErr.AcceptedRequestID, Duplicate: true}, nil
	}
	return nil, apiErr
}

// Progress is a narrowcast's progress.
type Progress struct {
	Phase                                   string
	SuccessCount, FailureCount, TargetCount int64
	ErrorCode                               int
	FailedDescription                       string
	AcceptedTime, CompletedTime             time.Time
}

// NarrowcastProgress reads the progress of the narrowcast with requestID.
func (c *Client) NarrowcastProgress(ctx context.Context, requestID string) (*Progress, error) {
	api, err := c.messaging(ctx)
	if err != nil {
		return nil, err
	}
	res, out, err := api.GetNarrowcastProgressWithHttpInfo(requestID)
	if err != nil {
		return nil, apiError(res, err)
	}
	return &Progress{
		Phase: string(out.Phase), SuccessCount: out.SuccessCount, FailureCount: out.FailureCount,
		TargetCount: out.TargetCount, ErrorCode: int(out.ErrorCode), FailedDescription: out.FailedDescription,
		AcceptedTime: out.AcceptedTime, CompletedTime: out.CompletedTime,
	}, nil
}

// Quota is this month's message allowance and use.
type Quota struct {
	// Limit is the month's target limit; 0 when Limited is false.
	Limit   int64
	Limited bool
	// Used is the number of messages sent this month (approximate).
	Used int64
}

// Quota reads the monthly limit and this month's consumption.
func (c *Client) Quota(ctx context.Context) (*Quota, error) {
	api, err := c.messaging(ctx)
	if err != nil {
		return nil, err
	}
	res, q, err := api.GetMessageQuotaWithHttpInfo()
	if err != nil {
		return nil, apiError(res, err)
	}
	res, used, err := api.GetMessageQuotaConsumptionWithHttpInfo()
	if err != nil {
		return nil, apiError(res, err)
	}
	return &Quota{Limit: q.Value, Limited: q.Type == "limited", Used: used.TotalUsage}, nil
}

// apiError turns an SDK failure into a NetworkError or an APIError.
func apiError(res *http.Response, err error) error {
	if res == nil {
		return &NetworkError{Err: err}
	}
	return readError(res)
}
