package line

import (
	"context"
	"fmt"

	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
)

// Reply answers a webhook event with its reply token. messages are LINE
// message objects as JSON values (map[string]any). A reply token is single
// use, so a failed reply is never retried here; errors are *APIError (LINE
// answered non-2xx, for example 400 "Invalid reply token") or
// *NetworkError (no answer).
func (c *Client) Reply(ctx context.Context, replyToken string, messages []any, notificationDisabled bool) ([]SentMessage, error) {
	body := map[string]any{
		"replyToken":           replyToken,
		"messages":             messages,
		"notificationDisabled": notificationDisabled,
	}
	req := &messaging_api.ReplyMessageRequest{}
	if err := convert(body, req); err != nil {
		return nil, err
	}
	api, err := c.messaging(ctx)
	if err != nil {
		return nil, err
	}
	res, out, err := api.ReplyMessageWithHttpInfo(req)
	switch {
	case err == nil:
		return sent(out.SentMessages), nil
	case res == nil:
		return nil, &NetworkError{Err: err}
	case res.StatusCode/100 == 2:
		// Accepted, but the answer was unreadable: the reply went out.
		return nil, fmt.Errorf("reading LINE's answer to a reply: %w", err)
	}
	return nil, readError(res)
}
