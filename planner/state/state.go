package state

import (
	"encoding/json"
	"time"
)

// Version is the state file format this package reads and writes.
const Version = 1

// State is the in-memory state. The on-disk form has its own types.
type State struct {
	// Lineage is a UUID fixed when the state is created.
	Lineage string
	// Serial is bumped on every write.
	Serial uint64
	// LineupVersion is the version of lineup that last wrote the state
	// ("" in a state written before lineup recorded it).
	LineupVersion string
	// Sends holds the record of every send in the configuration that was
	// attempted, by address.
	Sends map[string]*Record
	// History holds records of sends removed from the configuration
	// ("forgotten"), oldest first.
	History []*Record
	// Audiences holds the audiences lineup created and has not deleted,
	// by address.
	Audiences map[string]*Audience
	// Replies holds the reply rules as last applied, by name: what
	// lineup serve answers with.
	Replies map[string]*Reply
}

// Reply is a reply rule as apply recorded it.
type Reply struct {
	Name string
	// Digest is planner.Digest of the rule's body (planner.ReplyBody),
	// sensitive values included.
	Digest string
	// Body is the rule's body with null for every sensitive value, and
	// SensitiveDigests the digest of each, salted with Salt, by JSON path
	// (planner.SentBody).
	Body             map[string]any
	SensitiveDigests map[string]string
	Salt             string
	AppliedAt        time.Time
}

// Status is where a send stands.
type Status string

const (
	// Pending: the retry key is on disk and a request may have left; the
	// outcome is not known.
	Pending Status = "pending"
	// Sent: LINE accepted the request (2xx, or 409 for a retry key it had
	// accepted before).
	Sent Status = "sent"
	// Scheduled: reviewed and not due yet; nothing was sent. Digest is the
	// digest of the reviewed body and Due when lineup apply -due sends it.
	Scheduled Status = "scheduled"
	// Expired: its not_after passed before it was sent; it is never sent.
	Expired Status = "expired"
)

// Record is what the state knows of one send.
type Record struct {
	Address  string
	Status   Status
	RetryKey string
	// FirstAttempt is when the retry key was first written; LINE remembers
	// a key for 24 hours from its first request.
	FirstAttempt time.Time
	// Digest is planner.Digest of the body that was (or is being) sent.
	Digest string
	// Body is the body that was (or is being) sent, as JSON, with null
	// for every sensitive value, and SensitiveDigests the salted digest of
	// each sensitive value by JSON path (planner.SentBody): what a plan
	// compares with the configuration to show what changed. It stays JSON
	// until a plan needs it: a state of thousands of records is read
	// without decoding them. Nil in records written before lineup kept
	// them.
	Body             json.RawMessage
	SensitiveDigests map[string]string
	// To is the push's recipient chat, kept so quote tokens can be checked
	// against the chat they belong to.
	To        string
	RequestID string
	Sent      []SentMessage
	SentAt    time.Time
	// ForgottenAt is set on records in History.
	ForgottenAt time.Time
	// Parts are a multicast's requests of at most 500 users, each with its
	// own retry key, status and request ID; the record is Sent when every
	// part is.
	Parts []Part
	// Progress is a narrowcast's progress as last read from LINE.
	Progress *Progress
	// Due is when a Scheduled send may go out, and NotAfter (zero: no
	// bound) when it expires instead.
	Due, NotAfter time.Time
}

// Part is one request of a multicast.
type Part struct {
	RetryKey     string
	Status       Status
	FirstAttempt time.Time
	RequestID    string
	// Count is the number of users in this request.
	Count int
}

// Progress is a narrowcast's delivery progress (LINE's progress object).
type Progress struct {
	// Phase is "waiting", "sending", "succeeded" or "failed".
	Phase                                   string
	SuccessCount, FailureCount, TargetCount int64
	ErrorCode                               int
	FailedDescription                       string
	AcceptedTime, CompletedTime             time.Time
	// CheckedAt is when lineup last read it.
	CheckedAt time.Time
}

// Finished reports whether the narrowcast reached succeeded or failed.
func (p *Progress) Finished() bool {
	return p != nil && (p.Phase == "succeeded" || p.Phase == "failed")
}

// Audience is an audience group lineup manages. The member IDs are never
// kept: only their digest and count.
type Audience struct {
	Address string
	// ID is LINE's audienceGroupId.
	ID          int64
	Description string
	// Kind is "upload", "click" or "impression".
	Kind string
	// Digest and Count describe the uploaded IDs (upload audiences), or
	// the request ID and URL the audience was built from (click,
	// impression: Digest of "requestID\nurl").
	Digest    string
	Count     int
	CreatedAt time.Time
}

// SentMessage is one entry of LINE's sentMessages.
type SentMessage struct {
	ID         string
	QuoteToken string
}
