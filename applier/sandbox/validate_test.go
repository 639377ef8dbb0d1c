package sandbox

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
	"github.com/stretchr/testify/require"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name       string
		kind       string
		body       string
		wantStatus int
		wantBody   string
	}{
		{name: "reply ok", kind: "reply", body: `{"messages":[{"type":"text","text":"hi"}]}`,
			wantStatus: http.StatusOK, wantBody: `{}`},
		{name: "push ok", kind: "push", body: `{"messages":[{"type":"sticker","packageId":"446","stickerId":"1988"}]}`,
			wantStatus: http.StatusOK, wantBody: `{}`},
		{name: "multicast empty", kind: "multicast", body: `{"messages":[]}`,
			wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body has 1 error(s)","details":[
				{"message":"Size must be between 1 and 5","property":"messages"}]}`},
		{name: "narrowcast missing sticker ID", kind: "narrowcast",
			body:       `{"messages":[{"type":"text","text":"a"},{"type":"sticker","packageId":"446"}]}`,
			wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body has 1 error(s)","details":[
				{"message":"May not be empty","property":"messages[1].stickerId"}]}`},
		{name: "broadcast ignores unknown quote tokens", kind: "broadcast",
			body:       `{"messages":[{"type":"text","text":"a","quoteToken":"never-issued"}]}`,
			wantStatus: http.StatusOK, wantBody: `{}`},
		{name: "unknown kind", kind: "pigeon", body: `{"messages":[{"type":"text","text":"a"}]}`,
			wantStatus: http.StatusNotImplemented,
			wantBody:   `{"message":"The sandbox does not emulate POST /v2/bot/message/validate/pigeon; GET /_sandbox/endpoints lists the endpoints it does"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, ts := start(t, Options{})
			got := call(t, ts, http.MethodPost, "/v2/bot/message/validate/"+tt.kind, tt.body, nil)
			if got.status != tt.wantStatus {
				t.Errorf("status = %d, want %d", got.status, tt.wantStatus)
			}
			if diff := cmp.Diff(js(t, tt.wantBody), got.body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			if n := len(sb.Messages()); n != 0 {
				t.Errorf("validation delivered %d messages", n)
			}
		})
	}
}

func TestValidatePushSDK(t *testing.T) {
	_, ts := start(t, Options{})
	c := sdkClient(t, ts)
	res, _, err := c.ValidatePushWithHttpInfo(&messaging_api.ValidateMessageRequest{
		Messages: []messaging_api.MessageInterface{messaging_api.TextMessage{Text: "hi"}},
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode)
}
