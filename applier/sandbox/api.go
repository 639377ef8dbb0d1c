package sandbox

import (
	"encoding/json"
	"time"
)

// Options configure a Server.
type Options struct {
	// Dir, when set, is where the world (sent messages, retry keys, quote
	// tokens, request log) is loaded from by New and saved to by Save.
	Dir string
	// Token is the channel access token the sandbox accepts. Empty accepts
	// any non-empty bearer token.
	Token string
	// Now is the sandbox's clock; nil means time.Now.
	Now func() time.Time
}

// LoggedRequest is one entry of GET /_sandbox/requests.
type LoggedRequest struct {
	Method    string          `json:"method"`
	Path      string          `json:"path"`
	Status    int             `json:"status"`
	RetryKey  string          `json:"retry_key,omitempty"`
	RequestID string          `json:"request_id"`
	Body      json.RawMessage `json:"body,omitempty"`
	// Accepted is true when the sandbox acted on the request (a 2xx).
	Accepted bool `json:"accepted"`
	// Fault names the fault the sandbox played, if any.
	Fault string `json:"fault,omitempty"`
}
