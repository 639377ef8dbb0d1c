package plandoc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/lineupdev/lineup/planner"
)

// FormatVersion is the format_version of the documents this lineup
// writes, and the only one it reads as a saved plan. It changes when a
// field is removed or changes meaning; new fields may be added without a
// change.
const FormatVersion = "2"

// Document is a plan as public JSON. It has its own types so that the
// planner's can change without changing the format.
type Document struct {
	FormatVersion string `json:"format_version"`
	// PlanID, ConfigHash, Replace and Targets are a saved plan's (see
	// planner.Saved); a plan printed without -out has none.
	PlanID     string    `json:"plan_id,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	State      State     `json:"state"`
	ConfigHash string    `json:"config_hash,omitempty"`
	// ConfigSources are a saved plan's digests of what ConfigHash covers,
	// one by one (planner.Sources).
	ConfigSources *ConfigSources `json:"config_sources,omitempty"`
	Replace       []string       `json:"replace,omitempty"`
	// Targets are the -target addresses the plan is limited to.
	Targets []string  `json:"targets,omitempty"`
	Changes []*Change `json:"changes"`
	// ReplyRules are the reply rules, in the order lineup serve tries
	// them, then the removed ones; those unchanged too.
	ReplyRules []*ReplyRule `json:"reply_rules,omitempty"`
	Summary    Summary      `json:"summary"`
	// PlanDigest is "sha256:" and the hex SHA-256 of the document with
	// an empty PlanDigest (see Digest); a saved plan's only.
	PlanDigest string `json:"plan_digest,omitempty"`
}

// ConfigSources are the digests of a saved plan's configuration files,
// the files they read and its input values (salted with the plan ID), by
// name, so that apply can say which of them changed.
type ConfigSources struct {
	Files  map[string]string `json:"files"`
	Reads  map[string]string `json:"reads"`
	Inputs map[string]string `json:"inputs"`
}

// State is the state the plan was made against; serial 0 means no state
// file existed (its lineage is then not shown).
type State struct {
	Lineage string `json:"lineage,omitempty"`
	Serial  uint64 `json:"serial"`
}

// Change is one address.
type Change struct {
	Address           string `json:"address"`
	Kind              string `json:"kind"`
	Name              string `json:"name"`
	Action            string `json:"action"`
	Reason            string `json:"reason,omitempty"`
	Replace           bool   `json:"replace,omitempty"`
	ReachesAllFriends bool   `json:"reaches_all_friends,omitempty"`
	// Payload is the request body LINE will receive, with null at
	// SensitivePaths (and under them) and at the paths of
	// KnownAfterApply (path to the reference that gives the value).
	Payload         map[string]any    `json:"payload,omitempty"`
	SensitivePaths  []string          `json:"sensitive_paths,omitempty"`
	KnownAfterApply map[string]string `json:"known_after_apply,omitempty"`
	// Digest is planner.Change.Digest: of the real payload, sensitive
	// values included; none while it holds values known after apply.
	Digest string `json:"digest,omitempty"`
	// EstimatedMessages is null when it cannot be known offline; 0 for
	// an audience, which sends nothing.
	EstimatedMessages *int `json:"estimated_messages"`
	// Members is the member count of an audience created (or created
	// again) where it is known offline.
	Members *int `json:"members,omitempty"`
	// RetryKey, or RetryKeys for a multicast (one per request of at most
	// 500 users), are a saved plan's only.
	RetryKey        string     `json:"retry_key,omitempty"`
	RetryKeys       []string   `json:"retry_keys,omitempty"`
	RetryKeyExpires *time.Time `json:"retry_key_expires,omitempty"`
	DependsOn       []string   `json:"depends_on,omitempty"`
	Prior           *Prior     `json:"prior,omitempty"`
	// SentDiff is what changed since a "changed" send was sent, by
	// attribute, where the state keeps the body it sent.
	SentDiff []*AttrChange `json:"sent_diff,omitempty"`
	// Audience and PriorAudience are an audience change's sides (kind
	// "audience").
	Audience      *Audience      `json:"audience,omitempty"`
	PriorAudience *PriorAudience `json:"prior_audience,omitempty"`
	// Policy is what the schedule, policy and rules say of a send.
	Policy *Policy `json:"policy,omitempty"`
}

// Prior is what the state records of the address. RetryKey is a saved
// plan's only.
type Prior struct {
	Status       string     `json:"status"`
	RetryKey     string     `json:"retry_key,omitempty"`
	FirstAttempt *time.Time `json:"first_attempt,omitempty"`
	Digest       string     `json:"digest,omitempty"`
	RequestID    string     `json:"request_id,omitempty"`
	SentAt       *time.Time `json:"sent_at,omitempty"`
}

// ReplyRule is what apply does with a reply rule (planner.ReplyChange):
// action "send" (recorded for the first time), "update", "delete" or
// "no-op". Rule is its body (match, messages, quote,
// notificationDisabled) with null at SensitivePaths; none for "delete".
type ReplyRule struct {
	Address        string         `json:"address"`
	Name           string         `json:"name"`
	Action         string         `json:"action"`
	Rule           map[string]any `json:"rule,omitempty"`
	SensitivePaths []string       `json:"sensitive_paths,omitempty"`
	Digest         string         `json:"digest,omitempty"`
	PriorDigest    string         `json:"prior_digest,omitempty"`
	Diff           []*AttrChange  `json:"diff,omitempty"`
}

// AttrChange is one attribute of a changed send (planner.AttrChange):
// action "update", "create" or "delete"; before and after are null where
// there is none, or where sensitive.
type AttrChange struct {
	Path      string `json:"path"`
	Action    string `json:"action"`
	Before    any    `json:"before"`
	After     any    `json:"after"`
	Sensitive bool   `json:"sensitive,omitempty"`
}

// attrActions names the planner's attribute operations in JSON.
var attrActions = map[planner.AttrOp]string{
	planner.AttrUpdate: "update", planner.AttrCreate: "create", planner.AttrDelete: "delete",
}

// Summary counts the changes (planner.Summary).
type Summary struct {
	Send       int `json:"send"`
	Changed    int `json:"changed"`
	Forget     int `json:"forget"`
	Unresolved int `json:"unresolved"`
	Unchanged  int `json:"unchanged"`
	// The audience changes by action, and the audiences left as they are.
	Create             int `json:"create"`
	Update             int `json:"update"`
	Replace            int `json:"replace"`
	Delete             int `json:"delete"`
	UnchangedAudiences int `json:"unchanged_audiences"`
	// EstimatedMessages counts the sends that can be counted offline;
	// UncountedSends is how many cannot.
	EstimatedMessages int `json:"estimated_messages"`
	UncountedSends    int `json:"uncounted_sends"`
	// The reply rules apply records for the first time, records anew and
	// removes.
	RepliesAdded   int  `json:"replies_added"`
	RepliesChanged int  `json:"replies_changed"`
	RepliesRemoved int  `json:"replies_removed"`
	Empty          bool `json:"empty"`
	// Scheduled, Expired and NeedsApproval count the sends to send that
	// apply records as scheduled, records as expired, or refuses without
	// -approve; absent when 0.
	Scheduled     int `json:"scheduled,omitempty"`
	Expired       int `json:"expired,omitempty"`
	NeedsApproval int `json:"needs_approval,omitempty"`
}

// New is the document of p, as `lineup plan -json` prints it: no plan
// ID, configuration hash or retry keys.
func New(p *planner.Plan) *Document {
	d := &Document{
		FormatVersion: FormatVersion,
		CreatedAt:     p.Now.UTC(),
		State:         State{Serial: p.Serial},
		Targets:       p.Targets,
		Changes:       make([]*Change, 0, len(p.Changes)),
	}
	if p.Serial > 0 {
		d.State.Lineage = p.Lineage
	}
	for _, ch := range p.Changes {
		d.Changes = append(d.Changes, fromChange(ch))
	}
	s := p.Summary()
	d.Summary = Summary{Send: s.Send, Changed: s.Changed, Forget: s.Forget, Unresolved: s.Unresolved,
		Unchanged: s.Unchanged, Create: s.Create, Update: s.Update, Replace: s.Replace, Delete: s.Delete,
		UnchangedAudiences: s.UnchangedAudiences,
		EstimatedMessages:  s.Estimate, UncountedSends: s.Uncounted,
		RepliesAdded: s.RepliesAdded, RepliesChanged: s.RepliesChanged, RepliesRemoved: s.RepliesRemoved,
		Empty: s.Empty()}
	for _, rc := range p.Replies {
		d.ReplyRules = append(d.ReplyRules, fromReplyChange(rc))
	}
	d.Summary.Scheduled, d.Summary.Expired, d.Summary.NeedsApproval = p.PolicyCounts()
	return d
}

// Saved is the document of a saved plan: New of its plan, with its ID,
// configuration hash, -replace addresses and retry keys, and the
// plan_digest over all of it.
func Saved(sp *planner.Saved) (*Document, error) {
	d := New(sp.Plan)
	d.PlanID, d.ConfigHash, d.Replace = sp.ID, sp.ConfigHash, sp.Replace
	if src := sp.Sources; !src.Empty() {
		d.ConfigSources = &ConfigSources{Files: src.Files, Reads: src.Reads, Inputs: src.Inputs}
	}
	for i, ch := range sp.Plan.Changes {
		c := d.Changes[i]
		c.RetryKey, c.RetryKeys = ch.RetryKey, ch.RetryKeys
		if r := ch.Prior; r != nil {
			c.Prior.RetryKey = r.RetryKey
		}
	}
	digest, err := d.Digest()
	if err != nil {
		return nil, err
	}
	d.PlanDigest = digest
	return d, nil
}

func fromReplyChange(rc *planner.ReplyChange) *ReplyRule {
	r := &ReplyRule{Address: rc.Address(), Name: rc.Name, Action: planner.ActionName(rc.Action), Digest: rc.Digest,
		Diff: fromDiff(rc.Diff)}
	if rc.Prior != nil {
		r.PriorDigest = rc.Prior.Digest
	}
	if rc.Rule != nil {
		r.Rule, _ = planner.Redact(rc.Rule)
		r.SensitivePaths = sortedPaths(rc.Rule.Sensitive)
	}
	return r
}

// fromDiff is diff as the document's.
func fromDiff(diff []planner.AttrChange) []*AttrChange {
	var out []*AttrChange
	for _, d := range diff {
		out = append(out, &AttrChange{Path: d.Path, Action: attrActions[d.Op], Before: d.Before, After: d.After,
			Sensitive: d.Sensitive})
	}
	return out
}

// sortedPaths are the paths of set, sorted.
func sortedPaths(set map[string]bool) []string {
	var out []string
	for path := range set {
		out = append(out, path)
	}
	sort.Strings(out)
	return out
}

func fromChange(ch *planner.Change) *Change {
	kind, name, _ := strings.Cut(ch.Address, ".")
	c := &Change{
		Address: ch.Address, Kind: kind, Name: name,
		Action:          planner.ActionName(ch.Action),
		Reason:          ch.Reason,
		Replace:         ch.Replace,
		Digest:          ch.Digest,
		RetryKeyExpires: timePtr(ch.KeyExpires),
		Policy:          fromPolicy(ch.Policy),
	}
	switch {
	case ch.IsAudience():
		zero := 0
		c.EstimatedMessages = &zero
		if n := ch.Estimate; n >= 0 && (ch.Action == planner.Send || ch.Action == planner.Replace) {
			c.Members = &n // Change.Estimate of an audience is its member count
		}
		fromAudienceChange(c, ch)
	case ch.Estimate >= 0:
		n := ch.Estimate
		c.EstimatedMessages = &n
	}
	if s := ch.Send; s != nil {
		c.ReachesAllFriends = planner.ReachesAllFriends(s)
		c.DependsOn = s.DependsOn
		c.Payload, c.KnownAfterApply = planner.Redact(s)
		c.SensitivePaths = sortedPaths(s.Sensitive)
	}
	c.SentDiff = fromDiff(ch.SentDiff)
	if r := ch.Prior; r != nil {
		c.Prior = &Prior{Status: string(r.Status), FirstAttempt: timePtr(r.FirstAttempt), Digest: r.Digest,
			RequestID: r.RequestID, SentAt: timePtr(r.SentAt)}
	}
	return c
}

// timePtr is t in UTC, or nil for the zero time.
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// Encode writes d as indented JSON with a trailing newline, HTML
// characters as they are. It returns the first error of w.
func Encode(w io.Writer, d *Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}

// Digest is what PlanDigest must be: "sha256:" and the hex SHA-256 of
// d's encoding (Encode) with PlanDigest empty.
func (d *Document) Digest() (string, error) {
	c := *d
	c.PlanDigest = ""
	var buf bytes.Buffer
	if err := Encode(&buf, &c); err != nil {
		return "", fmt.Errorf("encoding the plan: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}
