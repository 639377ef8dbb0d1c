package sandbox

import (
	"encoding/json"
	"time"
)

// Options configure a Server. The zero value is a faithful, fault-free
// sandbox without rate limits or a monthly limit.
type Options struct {
	// Dir, when set, is where the world (sent messages, retry keys, quote
	// tokens, request log) is loaded from by New and saved to by Save.
	Dir string
	// Token is the channel access token the sandbox accepts. Empty accepts
	// any non-empty bearer token.
	Token string
	// Now is the sandbox's clock; nil means time.Now. POST /_sandbox/clock
	// and Server.Advance move the sandbox's time forward from it.
	Now func() time.Time

	// MonthlyLimit is the month's message allowance answered by
	// GET /v2/bot/message/quota; 0 means no limit ({"type":"none"}).
	// Sends are counted per recipient person (facts §13, see quota.go).
	MonthlyLimit int
	// Friends is how many friends a broadcast reaches, for counting;
	// 0 means DefaultFriends.
	Friends int

	// Faults are played on the send endpoints (push, multicast,
	// narrowcast, broadcast); see ParseFaults.
	Faults Faults
	// FaultTimeout is how long a timeout-after fault holds the answer
	// back (the request ends earlier when the client gives up); 0 means
	// DefaultFaultTimeout.
	FaultTimeout time.Duration
	// Seed seeds the random choice of faults; 0 means a time-based seed.
	Seed int64
	// Latency delays every LINE answer (not the /_sandbox/ paths).
	Latency time.Duration

	// RateLimits turns on LINE's per-endpoint rate limits (facts §6).
	// Off by default so that tests are not limited; `lineup sandbox`
	// turns them on.
	RateLimits bool
	// RateScale multiplies every limit's count (0 means 1), e.g. 0.5 to
	// hit the limits with half the traffic.
	RateScale float64
	// Rates overrides the limit of endpoints by name ("push",
	// "multicast", "broadcast", "validate/push", ...); RateScale still
	// applies.
	Rates map[string]Rate
}

// LoggedRequest is one entry of GET /_sandbox/requests.
type LoggedRequest struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	// Status is the status the client was meant to get: 0 when the
	// sandbox dropped the connection or held the answer back
	// (drop-before, drop-after, timeout-after faults).
	Status    int             `json:"status"`
	RetryKey  string          `json:"retry_key,omitempty"`
	RequestID string          `json:"request_id"`
	Body      json.RawMessage `json:"body,omitempty"`
	// Accepted is true iff the sandbox committed the send: a 2xx, or an
	// "after" fault (drop-after, 500-after, timeout-after), where the
	// send took effect but the client got no 2xx. Validate requests are
	// never accepted: they send nothing.
	Accepted bool `json:"accepted"`
	// Fault names the fault the sandbox played, if any.
	Fault string `json:"fault,omitempty"`
}
