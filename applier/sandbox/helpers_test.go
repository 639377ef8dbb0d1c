package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
	"github.com/stretchr/testify/require"
)

const (
	testToken = "test-channel-token"
	userA     = "U0123456789abcdef0123456789abcdef"
	userB     = "Ufedcba9876543210fedcba9876543210"
	groupC    = "C0123456789abcdef0123456789abcdef"
	keyOne    = "123e4567-e89b-12d3-a456-426614174000"
	keyTwo    = "123e4567-e89b-12d3-a456-426614174001"
)

var requestIDText = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// start serves a new sandbox over real HTTP for the test's duration.
func start(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	if opts.Token == "" {
		opts.Token = testToken
	}
	sb, err := New(opts)
	require.NoError(t, err)
	return sb, serve(t, sb)
}

func sdkClient(t *testing.T, ts *httptest.Server) *messaging_api.MessagingApiAPI {
	t.Helper()
	c, err := messaging_api.NewMessagingApiAPI(testToken, messaging_api.WithEndpoint(ts.URL))
	require.NoError(t, err)
	return c
}

// answer is a response read in full.
type answer struct {
	status int
	header http.Header
	body   any // decoded JSON
}

// call sends a raw request; headers default to a valid token and JSON.
func call(t *testing.T, ts *httptest.Server, method, path, body string, header map[string]string) answer {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		if v == "<unset>" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	res, err := ts.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	return readAnswer(t, res)
}

func readAnswer(t *testing.T, res *http.Response) answer {
	t.Helper()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	a := answer{status: res.StatusCode, header: res.Header}
	require.NoError(t, json.Unmarshal(data, &a.body), "body %q", data)
	require.Regexp(t, requestIDText, res.Header.Get("X-Line-Request-Id"))
	return a
}

// push sends a raw push body with an optional retry key.
func push(t *testing.T, ts *httptest.Server, body, key string) answer {
	t.Helper()
	return call(t, ts, http.MethodPost, "/v2/bot/message/push", body, map[string]string{"X-Line-Retry-Key": key})
}

// js decodes a JSON literal for comparison with an answer body.
func js(t *testing.T, s string) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal([]byte(s), &v), "bad test JSON %q", s)
	return v
}

// sent extracts sentMessages from a push answer body.
func sent(t *testing.T, body any) []SentMessage {
	t.Helper()
	data, err := json.Marshal(body)
	require.NoError(t, err)
	var b struct {
		SentMessages []SentMessage `json:"sentMessages"`
	}
	require.NoError(t, json.Unmarshal(data, &b))
	return b.SentMessages
}

func textPush(to, text string) string {
	b, _ := json.Marshal(map[string]any{"to": to, "messages": []any{map[string]any{"type": "text", "text": text}}})
	return string(b)
}

func quotePush(to, token string) string {
	b, _ := json.Marshal(map[string]any{"to": to, "messages": []any{
		map[string]any{"type": "text", "text": "re", "quoteToken": token}}})
	return string(b)
}

func serve(t *testing.T, sb *Server) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(sb)
	t.Cleanup(ts.Close)
	return ts
}

func stringsReader(s string) io.Reader { return strings.NewReader(s) }
