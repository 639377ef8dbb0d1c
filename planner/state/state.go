package state

import "time"

// Version is the state file format this package reads and writes.
const Version = 1

// State is the in-memory state. The on-disk form has its own types.
type State struct {
	// Lineage is a UUID fixed when the state is created.
	Lineage string
	// Serial is bumped on every write.
	Serial uint64
	// Sends holds the record of every send in the configuration that was
	// attempted, by address.
	Sends map[string]*Record
	// History holds records of sends removed from the configuration
	// ("forgotten"), oldest first.
	History []*Record
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
	// To is the push's recipient chat, kept so quote tokens can be checked
	// against the chat they belong to.
	To        string
	RequestID string
	Sent      []SentMessage
	SentAt    time.Time
	// ForgottenAt is set on records in History.
	ForgottenAt time.Time
}

// SentMessage is one entry of LINE's sentMessages.
type SentMessage struct {
	ID         string
	QuoteToken string
}
