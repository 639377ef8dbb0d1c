package planner

import (
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// Action is what apply will do with one address. Its value is the symbol
// the human plan shows in front of the change.
type Action string

const (
	// Send: not in state; apply sends it once.
	Send Action = "+"
	// NoOp: sent before and unchanged; nothing to do. Counted, not listed.
	NoOp Action = " "
	// Changed: sent before, and the configuration changed since. A warning;
	// nothing is sent unless the address is given to -replace.
	Changed Action = "!"
	// Forget: in state but no longer in the configuration; apply moves the
	// record to the state's history, with no API call.
	Forget Action = "."
	// Unresolved: a request may have left but its outcome is unknown. Apply
	// retries with the same retry key while it is valid (24 hours from the
	// first attempt) and refuses after that.
	Unresolved Action = "?"

	// The actions below are for audiences; an audience not in the state
	// is created with Send ("+").

	// Update: the audience's description changed; apply renames it.
	Update Action = "~"
	// Replace: the audience's members changed; LINE can never remove IDs,
	// so apply creates a new audience, points what depends on it at the
	// new one, and deletes the old one.
	Replace Action = "-/+"
	// Delete: the audience is no longer in the configuration; apply
	// deletes it on LINE.
	Delete Action = "-"
)

// Change is one address in a plan: a send or an audience.
//
// For a send, Send is the configuration side (nil for Forget) and Prior
// the state side (nil for a send never attempted). For an audience,
// Audience is the configuration side (nil for Delete) and PriorAudience
// the state side (nil for Send, which creates it). Reason is for display
// only.
type Change struct {
	Address       string
	Action        Action
	Reason        string
	Send          *lang.Send
	Prior         *state.Record
	Audience      *lang.Audience
	PriorAudience *state.Audience
	// Digest is Digest(Send.Body) when the body holds no Unknown, else "".
	// For an audience, it is AudienceDigest(Audience) ("" for a delete).
	Digest string
	// RetryKey is the key apply will use: a fresh one for Send (and a
	// replaced Changed), the pending record's for Unresolved.
	RetryKey string
	// RetryKeys are a multicast's keys, one per request of at most 500
	// users, in order (RetryKey is then ""). For an Unresolved multicast,
	// the parts' keys from the state.
	RetryKeys []string
	// KeyExpires is when LINE forgets RetryKey (Unresolved only).
	KeyExpires time.Time
	// Replace is true when -replace named this address: it is sent again
	// with a fresh retry key although it was sent before.
	Replace bool
	// Repoint is true for a NoOp send that was sent to an audience this
	// plan replaces: apply records its digest as evaluated with the new
	// audience's ID, so that it stays unchanged (repoint.go). Send then
	// holds audience.NAME.id as lang.Unknown.
	Repoint bool
	// SentDiff is what changed since the send was sent, for a Changed
	// send whose record keeps the body it sent.
	SentDiff []AttrChange
	// Estimate is how many messages LINE will count for this send, or -1
	// when it cannot be known offline (a push to a group or room). It is 0
	// for changes that send nothing, and for an Unresolved change apply
	// will refuse to retry (key expired, or configuration changed since).
	// For an audience change that creates an audience (Send, Replace), it
	// is the audience's member count where known offline (an upload
	// audience), else -1; it never counts as messages.
	Estimate int
	// Policy is what the schedule, the policy and the rules say of a send
	// (policy.go).
	Policy PolicyNotes
}

// IsAudience reports whether ch is the change of an audience.
func (ch *Change) IsAudience() bool {
	return ch.Audience != nil || ch.PriorAudience != nil
}

// Plan is a finished plan.
type Plan struct {
	// Changes are in apply order: every change after the changes it
	// depends on (audiences before the sends that use them, and after the
	// sends they are built from); then forgets, then audience deletes.
	// NoOp changes are included.
	Changes []*Change
	// Replies are the reply rules, NoOp ones included (replies.go).
	Replies []*ReplyChange
	// Targets are the -target addresses the plan was limited to
	// (target.go); none for a whole plan.
	Targets []string
	// Lineage and Serial of the state the plan was made against.
	Lineage string
	Serial  uint64
	// Now is the time the plan was made.
	Now time.Time
	// Quota is Options.Quota: the month's quota when it was read online,
	// nil offline.
	Quota *Quota
}

// Quota is the channel's monthly message quota as LINE reports it.
type Quota struct {
	// Limit is the month's limit; 0 means there is none.
	Limit int64
	// Used is this month's consumption so far.
	Used int64
}

// Left is how many messages are left this month; -1 when there is no
// limit.
func (q *Quota) Left() int64 {
	if q.Limit == 0 {
		return -1
	}
	return max(q.Limit-q.Used, 0)
}

// Options are the inputs of Make besides the configuration and the state.
type Options struct {
	Now    func() time.Time
	NewKey func() string
	// Replace lists addresses to send again although they were sent before.
	Replace []string
	// Targets, when set, limit the plan to these addresses and what they
	// depend on (-target).
	Targets []string
	// Quota, when set (online), is the month's quota and consumption: the
	// plan's summary says how many messages are left, and Make warns when
	// the estimate exceeds it.
	Quota *Quota
}

// Summary counts a plan's changes.
type Summary struct {
	Send, Changed, Forget, Unresolved, Unchanged int
	// Estimate is the number of messages LINE will count for the sends, and
	// EstimateKnown false when some of them cannot be known offline.
	Estimate      int
	EstimateKnown bool
	// Uncounted is how many of those sends cannot be counted offline.
	Uncounted int
	// Create, Update, Replace and Delete count the audience changes of
	// each action; UnchangedAudiences the audiences left as they are.
	Create, Update, Replace, Delete, UnchangedAudiences int
	// InProgress counts narrowcasts accepted by LINE whose delivery has
	// not finished (NoOp changes).
	InProgress int
	// RepliesAdded, RepliesChanged and RepliesRemoved count the reply
	// rules apply records for the first time, records anew, and removes.
	RepliesAdded, RepliesChanged, RepliesRemoved int
	// Quota is Plan.Quota.
	Quota *Quota
}
