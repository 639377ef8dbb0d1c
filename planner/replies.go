package planner

import (
	"maps"
	"slices"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// ReplyChange is what apply does with one reply rule: record it (Send,
// a rule not applied before), record its new version (Update), remove it
// (Delete), or nothing (NoOp). lineup serve answers with the rules as
// last applied, so a reply rule reaches users only once a plan that
// shows it is applied.
type ReplyChange struct {
	Name   string
	Action Action
	// Rule is the configuration side as a send of kind "reply" whose
	// Body is ReplyBody of the rule (nil for Delete); Prior the state
	// side (nil for Send).
	Rule  *lang.Send
	Prior *state.Reply
	// Digest is Digest(Rule.Body); "" for Delete.
	Digest string
	// Diff is what changed since the rule was applied (Update).
	Diff []AttrChange
}

// Address is the rule's address: "reply.NAME".
func (rc *ReplyChange) Address() string { return "reply." + rc.Name }

// ReplyBody is the body of a reply rule as lineup records and compares
// it: its match, its messages as LINE's JSON, quote and
// notificationDisabled.
func ReplyBody(r *lang.Reply) map[string]any {
	match := ""
	if r.Match != nil {
		match = r.Match.String()
	}
	return map[string]any{"match": match, "messages": r.Messages, "quote": r.Quote,
		"notificationDisabled": r.NotificationDisabled}
}

// ReplySend is r as a send of kind "reply" whose body is ReplyBody(r),
// for what shows and compares bodies with their sensitive paths.
func ReplySend(r *lang.Reply) *lang.Send {
	return &lang.Send{Kind: "reply", Name: r.Name, Body: ReplyBody(r), Sensitive: r.Sensitive,
		DeclRange: r.DeclRange, Ranges: r.Ranges}
}

// ReplyChanges compares the configuration's reply rules with the state's,
// in the order serve tries them, then the removed ones by name. A rule
// whose messages hold values known only after apply is left out: lineup
// serve refuses it (planner.CheckReply reports it).
func ReplyChanges(cfg *lang.Config, st *state.State) []*ReplyChange {
	var out []*ReplyChange
	inConfig := map[string]bool{}
	for _, r := range cfg.Replies() {
		inConfig[r.Name] = true
		if _, _, unknown := lang.FirstUnknown("messages", r.Messages); unknown {
			continue
		}
		rule := ReplySend(r)
		rc := &ReplyChange{Name: r.Name, Rule: rule, Prior: st.Replies[r.Name], Digest: Digest(rule.Body)}
		switch {
		case rc.Prior == nil:
			rc.Action = Send
		case rc.Prior.Digest == rc.Digest:
			rc.Action = NoOp
		default:
			rc.Action = Update
			rc.Diff = diffBodies(rc.Prior.Body, rc.Prior.SensitiveDigests, rc.Prior.Salt, rule)
		}
		out = append(out, rc)
	}
	for _, name := range slices.Sorted(maps.Keys(st.Replies)) {
		if !inConfig[name] {
			out = append(out, &ReplyChange{Name: name, Action: Delete, Prior: st.Replies[name]})
		}
	}
	return out
}

// Record is the state's record of the rule once applied at now, its
// sensitive values digested with salt; nil for Delete.
func (rc *ReplyChange) Record(now time.Time, salt string) *state.Reply {
	if rc.Action == Delete {
		return nil
	}
	if rc.Action == NoOp && rc.Prior != nil {
		return rc.Prior
	}
	body, digests := SentBody(rc.Rule, rc.Rule.Body, salt)
	return &state.Reply{Name: rc.Name, Digest: rc.Digest, Body: body, SensitiveDigests: digests, Salt: salt,
		AppliedAt: now.UTC()}
}
