package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
	"github.com/stretchr/testify/require"
)

func TestPushSDK(t *testing.T) {
	_, ts := start(t, Options{})
	c := sdkClient(t, ts)
	res, got, err := c.PushMessageWithHttpInfo(&messaging_api.PushMessageRequest{
		To: userA,
		Messages: []messaging_api.MessageInterface{
			messaging_api.TextMessage{Text: "Hello"},
			messaging_api.StickerMessage{PackageId: "446", StickerId: "1988"},
			messaging_api.LocationMessage{Title: "Office", Address: "Tokyo", Latitude: 35.6, Longitude: 139.7},
		},
	}, "")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Regexp(t, requestIDText, res.Header.Get("X-Line-Request-Id"))
	require.Len(t, got.SentMessages, 3)

	var prev uint64
	for i, m := range got.SentMessages {
		if len(m.Id) != 18 {
			t.Errorf("sentMessages[%d].id = %q, want 18 digits", i, m.Id)
		}
		n, err := strconv.ParseUint(m.Id, 10, 64)
		require.NoError(t, err, "sentMessages[%d].id", i)
		if n <= prev {
			t.Errorf("sentMessages[%d].id = %d, not above %d", i, n, prev)
		}
		prev = n
	}
	gotTokens := []bool{}
	for _, m := range got.SentMessages {
		gotTokens = append(gotTokens, m.QuoteToken != "")
	}
	if diff := cmp.Diff([]bool{true, true, false}, gotTokens); diff != "" {
		t.Errorf("which messages got a quote token (-want +got):\n%s", diff)
	}
	if n := len(got.SentMessages[0].QuoteToken); n != 150 {
		t.Errorf("quote token length = %d, want 150", n)
	}
}

func TestPushQuoteTokenTypes(t *testing.T) {
	sb, ts := start(t, Options{})
	got := push(t, ts, `{"to":"`+sb.Groups()[0].ID+`","messages":[
		{"type":"location","title":"Office","address":"Tokyo","latitude":35.6,"longitude":139.7},
		{"type":"image","originalContentUrl":"https://example.com/a.jpg","previewImageUrl":"https://example.com/a.jpg"},
		{"type":"audio","originalContentUrl":"https://example.com/a.m4a","duration":1000},
		{"type":"flex","altText":"hi","contents":{"type":"bubble"}},
		{"type":"textV2","text":"hi"}]}`, "")
	require.Equal(t, http.StatusOK, got.status, "body %v", got.body)
	var gotTokens []bool
	for _, m := range sent(t, got.body) {
		gotTokens = append(gotTokens, m.QuoteToken != "")
	}
	if diff := cmp.Diff([]bool{false, true, false, true, true}, gotTokens); diff != "" {
		t.Errorf("which messages got a quote token (-want +got):\n%s", diff)
	}
}

func TestPushRejects(t *testing.T) {
	tests := []struct {
		name       string
		header     map[string]string
		body       string
		wantStatus int
		wantBody   string
	}{
		{name: "empty text", body: `{"to":"` + userA + `","messages":[{"type":"text","text":""}]}`,
			wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body has 1 error(s)","details":[
				{"message":"May not be empty","property":"messages[0].text"}]}`},
		{name: "bad to and too many messages", body: `{"to":"Uabc","messages":[{"type":"text","text":"a"},
			{"type":"text","text":"a"},{"type":"text","text":"a"},{"type":"text","text":"a"},
			{"type":"text","text":"a"},{"type":"text","text":"a"}]}`,
			wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body has 2 error(s)","details":[
				{"message":"Must be a user ID (U + 32 hex digits), group ID (C...) or room ID (R...)","property":"to"},
				{"message":"Size must be between 1 and 5","property":"messages"}]}`},
		{name: "unknown type", body: `{"to":"` + userA + `","messages":[{"type":"text","text":"a"},{"type":"poll"}]}`,
			wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body has 1 error(s)","details":[
				{"message":"Must be one of the following values: [text, textV2, image, video, audio, location, sticker, template, imagemap, flex]","property":"messages[1].type"}]}`},
		{name: "two aggregation units", body: `{"to":"` + userA + `","messages":[{"type":"text","text":"a"}],
			"customAggregationUnits":["a","b"]}`,
			wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body has 1 error(s)","details":[
				{"message":"Size must be between 0 and 1","property":"customAggregationUnits"}]}`},
		{name: "malformed JSON", body: "{\"to\":\"" + userA + "\",\n  \"messages\": [}",
			wantStatus: http.StatusBadRequest,
			wantBody:   `{"message":"The request body could not be parsed as JSON (line: 2, column: 16)"}`},
		{name: "not an object", body: ` []`, wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body could not be parsed as JSON (line: 1, column: 2)"}`},
		{name: "empty body", body: ``, wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body could not be parsed as JSON (line: 1, column: 1)"}`},
		{name: "wrong content type", header: map[string]string{"Content-Type": "text/plain"},
			body: textPush(userA, "hi"), wantStatus: http.StatusUnsupportedMediaType,
			wantBody: `{"message":"The content type, text/plain, is not supported"}`},
		{name: "too large", body: textPush(userA, strings.Repeat("x", maxBody)),
			wantStatus: http.StatusRequestEntityTooLarge,
			wantBody:   `{"message":"The request body is larger than 2 MB"}`},
		{name: "lenient input", header: map[string]string{"Content-Type": "application/json; charset=UTF-8"},
			body: `{"to":"` + userB + `","messages":[{"type":"text","text":"a","quoteToken":null,"emojis":null,"x":1}],
			"notificationDisabled":false,"customAggregationUnits":null,"unknownProperty":{"a":1}}`,
			wantStatus: http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, ts := start(t, Options{})
			got := call(t, ts, http.MethodPost, "/v2/bot/message/push", tt.body, tt.header)
			if got.status != tt.wantStatus {
				t.Errorf("status = %d, want %d (body %v)", got.status, tt.wantStatus, got.body)
			}
			if tt.wantBody != "" {
				if diff := cmp.Diff(js(t, tt.wantBody), got.body); diff != "" {
					t.Errorf("body (-want +got):\n%s", diff)
				}
			}
			wantDelivered := 0
			if tt.wantStatus == http.StatusOK {
				wantDelivered = 1
			}
			if n := len(sb.Messages()); n != wantDelivered {
				t.Errorf("delivered %d messages, want %d", n, wantDelivered)
			}
		})
	}
}

func TestQuoteTokens(t *testing.T) {
	_, ts := start(t, Options{})
	first := push(t, ts, textPush(userA, "original"), "")
	require.Equal(t, http.StatusOK, first.status)
	token := sent(t, first.body)[0].QuoteToken
	require.NotEmpty(t, token)

	tests := []struct {
		name       string
		body       string
		wantStatus int
		wantBody   string
	}{
		{name: "same chat", body: quotePush(userA, token), wantStatus: http.StatusOK},
		{name: "other chat", body: quotePush(userB, token), wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body has 1 error(s)","details":[
				{"message":"The quote token is not valid in this chat","property":"messages[0].quoteToken"}]}`},
		{name: "never issued", body: quotePush(userA, "bm90LWEtdG9rZW4"), wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body has 1 error(s)","details":[
				{"message":"Invalid quote token","property":"messages[0].quoteToken"}]}`},
		{name: "quote on a type that cannot quote", body: `{"to":"` + userA + `","messages":[
			{"type":"image","originalContentUrl":"https://e.com/a.jpg","previewImageUrl":"https://e.com/a.jpg","quoteToken":"` + token + `"}]}`,
			wantStatus: http.StatusBadRequest,
			wantBody: `{"message":"The request body has 1 error(s)","details":[
				{"message":"A image message cannot quote; only text, textV2 and sticker can","property":"messages[0].quoteToken"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := push(t, ts, tt.body, "")
			if got.status != tt.wantStatus {
				t.Errorf("status = %d, want %d (body %v)", got.status, tt.wantStatus, got.body)
			}
			if tt.wantBody != "" {
				if diff := cmp.Diff(js(t, tt.wantBody), got.body); diff != "" {
					t.Errorf("body (-want +got):\n%s", diff)
				}
			}
		})
	}
}
