package main

import (
	"strings"
	"testing"

	"github.com/lineupdev/lineup/applier/sandbox"
)

// lineErrorCase is one request and LINE's answer to it, written by hand
// from LINE's documentation (doc), never computed by lineup: in the
// body and want, {{FRIEND}} and {{GROUP}} stand for a friend and a group
// of the sandbox's world.
type lineErrorCase struct {
	name, doc    string
	method, path string
	header       map[string]string
	body         string
	// first, when set, is sent before, with the same headers: the case's
	// answer is to the second request.
	first string
	// opts are the sandbox's options; the token is the scripts'.
	opts   sandbox.Options
	status int
	want   string
}

const (
	refMessaging = "https://developers.line.biz/en/reference/messaging-api/"
	retryDocs    = "https://developers.line.biz/en/docs/messaging-api/retrying-api-request/"
	countDocs    = "https://developers.line.biz/en/docs/messaging-api/text-character-count/"
	text         = `{"type":"text","text":"hi"}`
)

func pushTo(to string, messages ...string) string {
	return `{"to":"` + to + `","messages":[` + strings.Join(messages, ",") + `]}`
}

func textOf(s string) string { return `{"type":"text","text":"` + s + `"}` }

// lineErrorCases are LINE's documented answers to bad requests.
var lineErrorCases = []lineErrorCase{
	{name: "no messages", doc: refMessaging + "#validate-message-objects-of-push-message",
		method: "POST", path: "/v2/bot/message/validate/push", body: `{"messages":[]}`, status: 400,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"Size must be between 1 and 5","property":"messages"}]}`},
	{name: "six messages", doc: refMessaging + "#send-push-message",
		method: "POST", path: "/v2/bot/message/push", status: 400,
		body: pushTo("{{FRIEND}}", text, text, text, text, text, text),
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"Size must be between 1 and 5","property":"messages"}]}`},
	{name: "empty text", doc: refMessaging + "#error-responses",
		method: "POST", path: "/v2/bot/message/push", body: pushTo("{{FRIEND}}", textOf("")), status: 400,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"May not be empty","property":"messages[0].text"}]}`},
	{name: "text of 5001 characters", doc: refMessaging + "#text-message",
		method: "POST", path: "/v2/bot/message/validate/reply",
		body: `{"messages":[` + text + `,` + textOf(strings.Repeat("a", 5001)) + `]}`, status: 400,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"Length must be between 0 and 5000","property":"messages[1].text"}]}`},
	{name: "text of 5000 characters", doc: refMessaging + "#text-message",
		method: "POST", path: "/v2/bot/message/validate/push",
		body: `{"messages":[` + textOf(strings.Repeat("a", 5000)) + `]}`, status: 200, want: `{}`},
	{name: "2500 emoji are 5000 UTF-16 units", doc: countDocs,
		method: "POST", path: "/v2/bot/message/validate/push",
		body: `{"messages":[` + textOf(strings.Repeat("🍎", 2500)) + `]}`, status: 200, want: `{}`},
	{name: "2501 emoji are too many", doc: countDocs,
		method: "POST", path: "/v2/bot/message/validate/push",
		body: `{"messages":[` + textOf(strings.Repeat("🍎", 2501)) + `]}`, status: 400,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"Length must be between 0 and 5000","property":"messages[0].text"}]}`},
	{name: "sticker without its ID", doc: refMessaging + "#sticker-message",
		method: "POST", path: "/v2/bot/message/validate/broadcast", status: 400,
		body: `{"messages":[{"type":"sticker","packageId":"446"}]}`,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"May not be empty","property":"messages[0].stickerId"}]}`},
	{name: "location title of 101 characters", doc: refMessaging + "#location-message",
		method: "POST", path: "/v2/bot/message/validate/multicast", status: 400,
		body: `{"messages":[{"type":"location","title":"` + strings.Repeat("t", 101) + `","address":"a","latitude":35.6,"longitude":139.7}]}`,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"Length must be between 0 and 100","property":"messages[0].title"}]}`},
	{name: "altText of 1501 characters", doc: refMessaging + "#template-messages",
		method: "POST", path: "/v2/bot/message/validate/narrowcast", status: 400,
		body: `{"messages":[{"type":"template","altText":"` + strings.Repeat("a", 1501) + `","template":{"type":"confirm","text":"Sure?",
			"actions":[{"type":"message","label":"Yes","text":"yes"},{"type":"message","label":"No","text":"no"}]}}]}`,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"Length must be between 0 and 1500","property":"messages[0].altText"}]}`},
	{name: "multicast to a group", doc: refMessaging + "#send-multicast-message",
		method: "POST", path: "/v2/bot/message/multicast", status: 400,
		body: `{"to":["{{FRIEND}}","{{GROUP}}"],"messages":[` + text + `]}`,
		want: `{"message":"The property, to[1], in the request body is invalid (line: -, column: -)"}`},
	{name: "push to a group the bot is not in", doc: refMessaging + "#send-push-message",
		method: "POST", path: "/v2/bot/message/push", status: 400,
		body: pushTo("C0123456789abcdef0123456789abcdef", text), want: `{"message":"Failed to send messages"}`},
	{name: "push to a user who is not a friend", doc: refMessaging + "#send-push-message",
		method: "POST", path: "/v2/bot/message/push", status: 200,
		body: pushTo("U0123456789abcdef0123456789abcdef", `{"type":"location","title":"t","address":"a","latitude":1,"longitude":2}`),
		want: `{"sentMessages":[{"id":"500000000000000001"}]}`},
	{name: "reply token never issued", doc: refMessaging + "#send-reply-message",
		method: "POST", path: "/v2/bot/message/reply", status: 400,
		body: `{"replyToken":"nHuyWiB7yP5Zw52FIkcQobQuGDXCTA","messages":[` + text + `]}`,
		want: `{"message":"Invalid reply token"}`},
	{name: "retry key accepted before", doc: retryDocs,
		method: "POST", path: "/v2/bot/message/multicast", status: 409,
		header: map[string]string{"X-Line-Retry-Key": "123e4567-e89b-12d3-a456-426614174000"},
		body:   `{"to":["{{FRIEND}}"],"messages":[` + text + `]}`, first: `{"to":["{{FRIEND}}"],"messages":[` + text + `]}`,
		want: `{"message":"The retry key is already accepted"}`},
	{name: "retried push repeats its sentMessages", doc: retryDocs,
		method: "POST", path: "/v2/bot/message/push", status: 409,
		header: map[string]string{"X-Line-Retry-Key": "123e4567-e89b-12d3-a456-426614174000"},
		body:   pushTo("{{FRIEND}}", `{"type":"audio","originalContentUrl":"https://example.com/a.m4a","duration":1000}`),
		first:  pushTo("{{FRIEND}}", `{"type":"audio","originalContentUrl":"https://example.com/a.m4a","duration":1000}`),
		want:   `{"message":"The retry key is already accepted","sentMessages":[{"id":"500000000000000001"}]}`},
	{name: "monthly limit reached", doc: refMessaging + "#send-push-message",
		method: "POST", path: "/v2/bot/message/push", status: 429, opts: sandbox.Options{MonthlyLimit: 1},
		body: pushTo("{{FRIEND}}", text), first: pushTo("{{FRIEND}}", text),
		want: `{"message":"You have reached your monthly limit."}`},
	{name: "not JSON", doc: refMessaging + "#error-responses",
		method: "POST", path: "/v2/bot/message/push", body: `{"messages": [}`, status: 400,
		want: `{"message":"The request body could not be parsed as JSON (line: 1, column: 15)"}`},
	{name: "not JSON content", doc: refMessaging + "#error-responses",
		method: "POST", path: "/v2/bot/message/push", header: map[string]string{"Content-Type": "text/plain"},
		body: pushTo("{{FRIEND}}", text), status: 415,
		want: `{"message":"The content type, text/plain, is not supported"}`},
	{name: "bad token", doc: refMessaging + "#error-responses",
		method: "GET", path: "/v2/bot/message/quota", header: map[string]string{"Authorization": "Bearer nope"},
		status: 401,
		want:   `{"message":"Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid."}`},
	{name: "forbidPartialDelivery alone", doc: refMessaging + "#send-narrowcast-limit",
		method: "POST", path: "/v2/bot/message/narrowcast", status: 400,
		body: `{"messages":[` + text + `],"limit":{"max":10,"forbidPartialDelivery":true}}`,
		want: `{"message":"The option forbidPartialDelivery must be used with upToRemainingQuota."}`},
	{name: "unknown audience", doc: refMessaging + "#send-narrowcast-message",
		method: "POST", path: "/v2/bot/message/narrowcast", status: 400,
		body: `{"messages":[` + text + `],"recipient":{"type":"audience","audienceGroupId":5614991017776}}`,
		want: `{"message":"Invalid audience group id: 5614991017776"}`},
	{name: "attribute filter with too few friends", doc: refMessaging + "#send-narrowcast-message-restrictions",
		method: "POST", path: "/v2/bot/message/narrowcast", status: 403, opts: sandbox.Options{Friends: 50},
		body: `{"messages":[` + text + `],"filter":{"demographic":{"type":"gender","oneOf":["female"]}}}`,
		want: `{"message":"Your account does not have enough friends"}`},
	{name: "progress of an unknown request", doc: refMessaging + "#get-narrowcast-progress-status",
		method: "GET", path: "/v2/bot/message/progress/narrowcast?requestId=5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4",
		status: 404, want: `{"message":"Not found"}`},
	{name: "delivery count of a bad date", doc: refMessaging + "#get-number-of-push-messages",
		method: "GET", path: "/v2/bot/message/delivery/push?date=2019-12-31", status: 400,
		want: `{"message":"The value for the 'date' parameter is invalid"}`},
	{name: "delivery count before LINE counted", doc: refMessaging + "#get-number-of-multicast-messages",
		method: "GET", path: "/v2/bot/message/delivery/multicast?date=20180330", status: 200,
		want: `{"status":"out_of_service"}`},
	{name: "followers without a date", doc: refMessaging + "#get-number-of-followers",
		method: "GET", path: "/v2/bot/insight/followers", status: 400, want: `{"message":"date is required"}`},
	{name: "unknown audience group", doc: refMessaging + "#get-audience-group",
		method: "GET", path: "/v2/bot/audienceGroup/1234567890123", status: 400,
		want: `{"message":"audience group not found","details":[{"message":"AUDIENCE_GROUP_NOT_FOUND"}]}`},
	{name: "audience name over 120", doc: refMessaging + "#create-upload-audience-group",
		method: "POST", path: "/v2/bot/audienceGroup/upload", status: 400,
		body: `{"description":"` + strings.Repeat("n", 121) + `"}`,
		want: `{"message":"size over audienceGroupName","details":[{"message":"AUDIENCE_GROUP_NAME_SIZE_OVER"}]}`},
	{name: "loading in a group", doc: refMessaging + "#display-a-loading-indicator",
		method: "POST", path: "/v2/bot/chat/loading/start", status: 400, body: `{"chatId":"{{GROUP}}"}`,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"Only user id is acceptable, please confirm if there are any group/room ids or illegal ids.","property":"chatId"}]}`},
	{name: "loading for 70 seconds", doc: refMessaging + "#display-a-loading-indicator",
		method: "POST", path: "/v2/bot/chat/loading/start", status: 400,
		body: `{"chatId":"{{FRIEND}}","loadingSeconds":70}`,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"Must be between 5 and 60","property":"loadingSeconds"}]}`},
	{name: "loading for 7 seconds", doc: refMessaging + "#display-a-loading-indicator",
		method: "POST", path: "/v2/bot/chat/loading/start", status: 400,
		body: `{"chatId":"{{FRIEND}}","loadingSeconds":7}`,
		want: `{"message":"The request body has 1 error(s)","details":[{"message":"must be a multiple of five","property":"loadingSeconds"}]}`},
	{name: "loading for a user who is not a friend", doc: refMessaging + "#display-a-loading-indicator",
		method: "POST", path: "/v2/bot/chat/loading/start", status: 202,
		body: `{"chatId":"U0123456789abcdef0123456789abcdef"}`, want: `{}`},
	{name: "profile of a user who is not a friend", doc: refMessaging + "#get-profile",
		method: "GET", path: "/v2/bot/profile/U0123456789abcdef0123456789abcdef", status: 404,
		want: `{"message":"Not found"}`},
}

// TestLINEErrorBodies sends each case to a sandbox of its own and
// compares the status and the whole body with LINE's.
func TestLINEErrorBodies(t *testing.T) {
	for _, c := range lineErrorCases {
		t.Run(c.name, func(t *testing.T) {
			srv, sb := newRulesSandbox(t, c.opts)
			var friend string
			for _, f := range sb.Population() {
				if !f.Blocked {
					friend = f.UserID
					break
				}
			}
			fill := strings.NewReplacer("{{FRIEND}}", friend, "{{GROUP}}", sb.Groups()[0].ID)
			if c.first != "" {
				status, _, raw := send(t, srv, c.method, c.path, c.header, fill.Replace(c.first))
				if status/100 != 2 {
					t.Fatalf("first request: %d %s", status, raw)
				}
			}
			status, _, raw := send(t, srv, c.method, c.path, c.header, fill.Replace(c.body))
			if status != c.status {
				t.Errorf("status %d, want %d (%s)", status, c.status, c.doc)
			}
			if diff := equalJSONText(t, fill.Replace(c.want), raw); diff != "" {
				t.Errorf("body (-LINE +sandbox), see %s:\n%s", c.doc, diff)
			}
		})
	}
}
