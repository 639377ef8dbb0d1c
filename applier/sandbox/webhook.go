package sandbox

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/lineupdev/lineup/applier/webhook"
)

// DefaultReplyTokenTTL is how long a reply token lives when
// Options.ReplyTokenTTL is zero: about a minute, as on LINE
// (https://developers.line.biz/en/reference/messaging-api/#send-reply-message).
const DefaultReplyTokenTTL = time.Minute

// replyTokenMaxAge is how long after its event a reply token may still be
// used after a redelivery
// (https://developers.line.biz/en/reference/messaging-api/#send-reply-message).
const replyTokenMaxAge = 20 * time.Minute

// Webhook delivery: the first attempt and up to webhookRedeliveries
// redeliveries, webhookBackoff apart, doubling.
const (
	webhookRedeliveries = 3
	webhookBackoff      = 50 * time.Millisecond
	webhookTimeout      = 5 * time.Second
)

// hookState is where the sandbox delivers webhooks and the reply tokens it
// issued. Server.mu guards it.
type hookState struct {
	url, secret string
	ttl         time.Duration
	bot         string // the bot's user ID: the webhook's destination
	tokens      map[string]*replyToken
	client      *http.Client
}

// replyToken is one issued reply token.
type replyToken struct {
	chat    string
	event   time.Time // when the event happened
	expires time.Time
	used    bool
}

func newHookState(opts Options) *hookState {
	ttl := opts.ReplyTokenTTL
	if ttl <= 0 {
		ttl = DefaultReplyTokenTTL
	}
	return &hookState{
		url: opts.Webhook, secret: opts.ChannelSecret, ttl: ttl,
		bot: "U" + randomHex(16), tokens: map[string]*replyToken{},
		client: &http.Client{Timeout: webhookTimeout},
	}
}

// SetWebhook points the sandbox's webhook deliveries at url, signed with
// secret.
func (s *Server) SetWebhook(url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hook.url, s.hook.secret = url, secret
}

// webhookBody is the body of POST and the answer of GET /_sandbox/webhook.
// The secret is never answered.
type webhookBody struct {
	URL       string `json:"url"`
	Secret    string `json:"secret,omitempty"`
	SecretSet bool   `json:"secret_set"`
}

// serveHookControl answers the sandbox's webhook paths, which need no
// token; ok is false for other paths:
//
//	GET  /_sandbox/webhook                  {"url":..., "secret_set":true}
//	POST /_sandbox/webhook                  {"url":..., "secret":...} sets them
//	POST /_sandbox/webhook/probe            delivers {"events":[]}
//	POST /_sandbox/users/{userId}/messages  a user writes (users.go)
func (s *Server) serveHookControl(r *http.Request) (reply, bool) {
	path := r.URL.Path
	switch r.Method + " " + path {
	case "GET /_sandbox/webhook":
		s.mu.Lock()
		defer s.mu.Unlock()
		return reply{status: http.StatusOK, body: webhookBody{URL: s.hook.url, SecretSet: s.hook.secret != ""}}, true
	case "POST /_sandbox/webhook":
		var req webhookBody
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			return errorReply(http.StatusBadRequest, fmt.Sprintf(`want {"url":"...","secret":"..."}: %v`, err)), true
		}
		s.SetWebhook(req.URL, req.Secret)
		return reply{status: http.StatusOK, body: webhookBody{URL: req.URL, SecretSet: req.Secret != ""}}, true
	case "POST /_sandbox/webhook/probe":
		return reply{status: http.StatusOK, body: s.Probe(r.Context())}, true
	}
	if user, ok := strings.CutPrefix(path, "/_sandbox/users/"); ok && r.Method == http.MethodPost {
		if user, ok = strings.CutSuffix(user, "/messages"); ok && !strings.Contains(user, "/") {
			return s.serveUserMessage(r, user), true
		}
	}
	return reply{}, false
}

// WebhookDelivery is the outcome of delivering one webhook body.
type WebhookDelivery struct {
	Delivered bool `json:"delivered"`
	// Attempts counts the requests made: 1, plus the redeliveries.
	Attempts int `json:"attempts"`
	// Status is the last answer's status, 0 when there was none.
	Status int    `json:"status,omitempty"`
	Error  string `json:"error,omitempty"`
}

// Probe delivers the empty body LINE sends to test a webhook URL.
func (s *Server) Probe(ctx context.Context) WebhookDelivery {
	s.mu.Lock()
	url, secret, bot := s.hook.url, s.hook.secret, s.hook.bot
	s.mu.Unlock()
	env := map[string]any{"destination": bot, "events": []any{}}
	body, _ := json.Marshal(env)
	return s.deliver(ctx, url, secret, body, body, nil)
}

// deliver POSTs first, signed, to url; on an error or a non-2xx answer it
// redelivers again (the same body with isRedelivery true), up to
// webhookRedeliveries times, calling before(n) ahead of redelivery n.
func (s *Server) deliver(ctx context.Context, url, secret string, first, again []byte, before func()) WebhookDelivery {
	var d WebhookDelivery
	if url == "" {
		d.Error = "no webhook URL is set: POST /_sandbox/webhook first, or start the sandbox with -webhook"
		return d
	}
	wait := webhookBackoff
	for try := 0; try <= webhookRedeliveries; try++ {
		body := first
		if try > 0 {
			if !sleep(ctx, wait) {
				d.Error = ctx.Err().Error()
				return d
			}
			wait *= 2
			body = again
			if before != nil {
				before()
			}
		}
		d.Attempts++
		d.Status, d.Error = s.post(ctx, url, secret, body)
		if d.Status/100 == 2 {
			d.Delivered, d.Error = true, ""
			return d
		}
	}
	return d
}

// post sends one signed webhook request and returns its status, or an
// error text.
func (s *Server) post(ctx context.Context, url, secret string, body []byte) (int, string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "LineBotWebhook/2.0")
	if secret != "" {
		req.Header.Set(webhook.SignatureHeader, webhook.Sign(secret, body))
	}
	res, err := s.hook.client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return res.StatusCode, fmt.Sprintf("the webhook answered %s", res.Status)
	}
	return res.StatusCode, ""
}

// newEventID is a webhookEventId: a ULID, 48 bits of milliseconds and 80
// random bits in 26 characters of Crockford's base32.
func newEventID(t time.Time) string {
	var b [16]byte
	ms := uint64(t.UnixMilli())
	for i := 5; i >= 0; i-- {
		b[i] = byte(ms)
		ms >>= 8
	}
	_, _ = rand.Read(b[6:])
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	n := new(big.Int).SetBytes(b[:])
	out := make([]byte, 26)
	mod := new(big.Int)
	base := big.NewInt(32)
	for i := 25; i >= 0; i-- {
		n.DivMod(n, base, mod)
		out[i] = alphabet[mod.Int64()]
	}
	return string(out)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
