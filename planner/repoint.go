package planner

import (
	"maps"
	"slices"

	"github.com/lineupdev/lineup/lang"
)

// An audience being replaced gets a new audience group ID; the state
// still holds the old one, which the configuration was evaluated with.
// What depends on the audience must use the new one (LINE deletes the
// old one at the end of the apply), so the plan treats its ID as known
// only after apply:
//
//   - a send not sent yet is planned with audience.NAME.id unknown, and
//     apply evaluates it once the new audience exists;
//   - a send sent before to the old audience, unchanged otherwise, stays
//     unchanged, and apply records it as pointing at the new audience
//     (Change.Repoint), so that the replacement does not make it look
//     changed after sending;
//   - a pending send keeps the old ID: it is retried with the body it
//     was first sent with.

// pointAtReplaced returns a copy of send whose audience recipients naming
// an audience in replaced (address to the audience group ID the state
// holds) are lang.Unknown{Ref: "audience.NAME.id"}, or nil when send uses
// none of them.
func pointAtReplaced(send *lang.Send, replaced map[string]int64) *lang.Send {
	ids := map[float64]string{}
	for addr, id := range replaced {
		if slices.Contains(send.DependsOn, addr) {
			ids[float64(id)] = addr
		}
	}
	if len(ids) == 0 {
		return nil
	}
	body, changed := substituteIDs(send.Body, ids)
	if !changed {
		return nil
	}
	out := *send
	out.Body = body
	return &out
}

// substituteIDs copies body, making every {"type": "audience",
// "audienceGroupId": ID} with ID in ids refer to its audience instead.
func substituteIDs(body map[string]any, ids map[float64]string) (map[string]any, bool) {
	changed := false
	out, _ := lang.Rewrite("", body, func(_ *lang.Path, v any) (any, bool) {
		obj, ok := v.(map[string]any)
		if !ok || obj["type"] != "audience" {
			return nil, false
		}
		id, ok := obj["audienceGroupId"].(float64)
		if !ok || ids[id] == "" {
			return nil, false
		}
		changed = true
		moved := maps.Clone(obj)
		moved["audienceGroupId"] = lang.Unknown{Ref: ids[id] + ".id"}
		return moved, true
	}).(map[string]any)
	return out, changed
}

// repoint applies the rules above to ch, the change of a send; replaced
// are the audiences this plan replaces, by address, with their IDs in
// the state.
func (m *maker) repoint(ch *Change, replaced map[string]int64) {
	if ch.Send == nil || len(replaced) == 0 {
		return
	}
	moved := pointAtReplaced(ch.Send, replaced)
	if moved == nil {
		return
	}
	switch {
	case ch.Action == Send:
		ch.Send, ch.Digest = moved, ""
		ch.Estimate = m.est.estimate(moved)
	case ch.Action == NoOp && ch.Digest != "":
		ch.Send, ch.Repoint = moved, true
	}
}
