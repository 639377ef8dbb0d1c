package line

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
)

// DefaultEndpoint is LINE's API host.
const DefaultEndpoint = "https://api.line.me"

// DefaultDataEndpoint is LINE's host for large payloads.
const DefaultDataEndpoint = "https://api-data.line.me"

// Config configures a Client.
type Config struct {
	// Endpoint is the API base URL; empty means DefaultEndpoint.
	Endpoint string
	// DataEndpoint is the base URL of the large-payload endpoints (file
	// uploads); empty means DefaultDataEndpoint with the default Endpoint,
	// and Endpoint otherwise (an emulator serves both).
	DataEndpoint string
	// Token is the channel access token.
	Token string
	// Timeout bounds one HTTP request; zero means 30 seconds.
	Timeout time.Duration
}

// Client calls LINE. It is safe for concurrent use.
type Client struct {
	endpoint     string
	dataEndpoint string
	token        string
	http         *http.Client
}

// New makes a Client. It fails when the token is empty.
func New(cfg Config) (*Client, error) {
	if cfg.Token == "" {
		return nil, errors.New("no channel access token")
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = DefaultEndpoint
	}
	if cfg.DataEndpoint == "" {
		cfg.DataEndpoint = cfg.Endpoint
		if cfg.Endpoint == DefaultEndpoint {
			cfg.DataEndpoint = DefaultDataEndpoint
		}
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &Client{
		endpoint:     strings.TrimRight(cfg.Endpoint, "/"),
		dataEndpoint: strings.TrimRight(cfg.DataEndpoint, "/"),
		token:        cfg.Token,
		http:         &http.Client{Timeout: cfg.Timeout, Transport: transport()},
	}, nil
}

// idleConnsPerHost is how many idle connections a Client keeps to one
// host: more than the requests an apply keeps in flight. Go's default of
// two would close all but two connections after every wave of parallel
// requests and open (and for LINE, TLS-handshake) new ones for the next.
const idleConnsPerHost = 256

func transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = idleConnsPerHost
	t.MaxIdleConns = idleConnsPerHost
	return t
}

// Endpoint is the API base URL the client calls.
func (c *Client) Endpoint() string { return c.endpoint }

func (c *Client) messaging(ctx context.Context) (*messaging_api.MessagingApiAPI, error) {
	api, err := messaging_api.NewMessagingApiAPI(c.token,
		messaging_api.WithEndpoint(c.endpoint),
		messaging_api.WithHTTPClient(c.http))
	if err != nil {
		return nil, err
	}
	return api.WithContext(ctx), nil
}

// SentMessage is one entry of LINE's sentMessages.
type SentMessage struct {
	ID         string
	QuoteToken string
}

// PushResult is an accepted push.
type PushResult struct {
	// RequestID is the X-Line-Request-Id of the accepted request: of this
	// answer, or for a duplicate the X-Line-Accepted-Request-Id.
	RequestID string
	Sent      []SentMessage
	// Duplicate is true when LINE answered 409: the retry key had been
	// accepted before, and this is the original request's result.
	Duplicate bool
}

// Push sends a push request body (LINE's JSON) with the retry key.
func (c *Client) Push(ctx context.Context, body map[string]any, retryKey string) (*PushResult, error) {
	req := &messaging_api.PushMessageRequest{}
	if err := convert(body, req); err != nil {
		return nil, err
	}
	api, err := c.messaging(ctx)
	if err != nil {
		return nil, err
	}
	res, out, err := api.PushMessageWithHttpInfo(req, retryKey)
	if err != nil {
		return c.pushError(res, err)
	}
	return &PushResult{RequestID: res.Header.Get("X-Line-Request-Id"), Sent: sent(out.SentMessages)}, nil
}

// pushError turns a failed push into a result (409: accepted before) or
// an error.
func (c *Client) pushError(res *http.Response, err error) (*PushResult, error) {
	if res == nil {
		return nil, &NetworkError{Err: err}
	}
	apiErr := readError(res)
	if res.StatusCode == http.StatusConflict && apiErr.AcceptedRequestID != "" {
		return &PushResult{
			RequestID: apiErr.AcceptedRequestID,
			Sent:      sent(apiErr.SentMessages),
			Duplicate: true,
		}, nil
	}
	return nil, apiErr
}

func sent(in []messaging_api.SentMessage) []SentMessage {
	out := make([]SentMessage, len(in))
	for i, m := range in {
		out[i] = SentMessage{ID: m.Id, QuoteToken: m.QuoteToken}
	}
	return out
}

// convert moves a JSON body into an SDK request type.
func convert(body map[string]any, into any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encoding request: %w", err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		return fmt.Errorf("encoding request: %w", err)
	}
	switch r := into.(type) {
	case *messaging_api.PushMessageRequest:
		r.Messages = rawMessages(body)
	case *messaging_api.ReplyMessageRequest:
		r.Messages = rawMessages(body)
	case *messaging_api.MulticastRequest:
		r.Messages = rawMessages(body)
	case *messaging_api.BroadcastRequest:
		r.Messages = rawMessages(body)
	case *messaging_api.NarrowcastRequest:
		r.Messages = rawMessages(body)
	}
	return nil
}

// rawMessage is a message object sent exactly as lineup wrote it: the
// SDK's types drop the fields of textV2 substitutions and add zero values
// ("flex": 0) to flex components.
type rawMessage struct {
	typ  string
	data json.RawMessage
}

func (m rawMessage) GetType() string              { return m.typ }
func (m rawMessage) MarshalJSON() ([]byte, error) { return m.data, nil }

// rawMessages returns the message objects of body as rawMessages.
func rawMessages(body map[string]any) []messaging_api.MessageInterface {
	list, _ := body["messages"].([]any)
	out := make([]messaging_api.MessageInterface, 0, len(list))
	for _, m := range list {
		data, _ := json.Marshal(m) // the whole body marshalled above
		obj, _ := m.(map[string]any)
		typ, _ := obj["type"].(string)
		out = append(out, rawMessage{typ: typ, data: data})
	}
	return out
}

// readError reads LINE's error body from a non-2xx answer.
func readError(res *http.Response) *APIError {
	e := &APIError{
		Status:            res.StatusCode,
		RequestID:         res.Header.Get("X-Line-Request-Id"),
		AcceptedRequestID: res.Header.Get("X-Line-Accepted-Request-Id"),
	}
	data, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	var body messaging_api.ErrorResponse
	if json.Unmarshal(data, &body) == nil {
		e.Message = body.Message
		e.SentMessages = body.SentMessages
		for _, d := range body.Details {
			e.Details = append(e.Details, Detail{Property: d.Property, Message: d.Message})
		}
	}
	if e.Message == "" {
		e.Message = strings.TrimSpace(string(data))
	}
	return e
}
