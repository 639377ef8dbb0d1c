package applier

// Result is what became of a change, as Apply reports it in an Event.
// Its String is the word the CLI prints after the address.
type Result int

const (
	// Sent: LINE accepted the request.
	Sent Result = iota + 1
	// SentBefore: LINE answered 409, it had accepted the retry key before.
	SentBefore
	// Delivered: a followed narrowcast finished delivering.
	Delivered
	// Forgotten: a send removed from the configuration moved to history.
	Forgotten
	// Failed: the change failed; Event.Err says why.
	Failed
	// Skipped: the change was not attempted because one it depends on
	// failed; Event.Err says which.
	Skipped
	// Retrying: a request is retried after Event.Err; not a final result.
	Retrying
	// Created: an audience was created; Event.Detail is its ID.
	Created
	// Renamed: an audience's description was changed.
	Renamed
	// Deleted: an audience was deleted.
	Deleted
	// DeletedReplaced: the audience a replacement superseded was deleted;
	// Event.Detail is its ID.
	DeletedReplaced
	// Recorded: a reply rule was recorded as applied: lineup serve
	// answers with it.
	Recorded
	// Removed: a reply rule was removed from the state: lineup serve no
	// longer answers with it.
	Removed
	// Sending: a send's retry key is durable and its first request is
	// about to leave; not a final result.
	Sending
	// Scheduled: the send is not due yet; it was recorded as scheduled
	// and not sent. Event.Detail says until when.
	Scheduled
	// Expired: the send's not_after passed; it was recorded as expired
	// and never sent.
	Expired
)

var resultText = [...]string{
	Sent:            "sent",
	SentBefore:      "sent before",
	Delivered:       "delivered",
	Forgotten:       "forgotten",
	Failed:          "failed",
	Skipped:         "skipped",
	Retrying:        "retrying",
	Created:         "created audience",
	Renamed:         "renamed",
	Deleted:         "deleted",
	DeletedReplaced: "deleted the replaced audience",
	Recorded:        "recorded reply rule",
	Removed:         "removed reply rule",
	Sending:         "sending",
	Scheduled:       "scheduled",
	Expired:         "expired",
}

func (r Result) String() string {
	if r <= 0 || int(r) >= len(resultText) {
		return "unknown result"
	}
	return resultText[r]
}
