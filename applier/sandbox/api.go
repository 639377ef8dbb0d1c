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
	// Sends are counted per recipient person (quota.go;
	// https://developers.line.biz/en/docs/messaging-api/pricing/).
	MonthlyLimit int
	// Friends is the size of the generated population of friends
	// (population.go); 0 means DefaultFriends. A broadcast reaches, and
	// counts, those who did not block the account (one in 20, rounded
	// down). Groups and Rooms are how many of each the bot is in, each
	// with 3 to 12 of the friends as members; 0 means DefaultGroups and
	// DefaultRooms, negative none. PopulationSeed seeds the generation;
	// 0 means DefaultPopulationSeed. A world loaded from Dir keeps the
	// population it was made with.
	Friends        int
	Groups, Rooms  int
	PopulationSeed int64
	// Population, when not nil, is the channel's friends instead of a
	// generated population (no groups or rooms); it is not saved.
	Population []Friend

	// NarrowcastDelay is how long a narrowcast stays waiting, and then
	// sending, on the sandbox clock; 0 means DefaultNarrowcastWait,
	// negative no time at all. AudienceDelay is how long an audience
	// and each upload job take to build (jobs are QUEUED for the first
	// half, WORKING for the second); 0 means DefaultAudienceWait,
	// negative no time at all.
	NarrowcastDelay time.Duration
	AudienceDelay   time.Duration
	// StrictFilePart makes the byFile audience uploads refuse (415) a
	// file part that is not text/plain, as LINE's maintainers say LINE
	// does; by default application/octet-stream, which the Go SDK
	// sends, is accepted too.
	StrictFilePart bool

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

	// RateLimits turns on LINE's per-endpoint rate limits
	// (https://developers.line.biz/en/reference/messaging-api/#rate-limits).
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

	// Webhook is the URL the sandbox delivers webhook events to when a
	// simulated user writes (POST /_sandbox/users/{userId}/messages),
	// signed with ChannelSecret. POST /_sandbox/webhook changes both.
	Webhook       string
	ChannelSecret string
	// ReplyTokenTTL is how long a reply token may be used after its
	// event is delivered; 0 means DefaultReplyTokenTTL.
	ReplyTokenTTL time.Duration
}

// LoggedRequest is one entry of GET /_sandbox/requests.
type LoggedRequest struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	// Query is the request's query string, as sent ("date=20261119").
	Query string `json:"query,omitempty"`
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
