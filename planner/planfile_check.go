package planner

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// StaleError says a saved plan was made against another state than the
// one apply found: another apply ran since, or this plan was applied
// already. Nothing may be sent from it.
type StaleError struct {
	// Why says how the state moved, as a sentence.
	Why string
}

func (e *StaleError) Error() string { return "saved plan is stale: " + e.Why }

// MismatchError says the configuration, or its input values, no longer
// give the saved plan. Nothing may be sent from it.
type MismatchError struct {
	// Why says what differs, as a sentence.
	Why string
}

func (e *MismatchError) Error() string {
	return "saved plan does not match the configuration: " + e.Why
}

// CheckConfig returns a *MismatchError when cfg (loaded with the input
// values given to apply) is not the configuration the plan was made from.
func (sp *Saved) CheckConfig(cfg *lang.Config) error {
	if got := ConfigHash(cfg); got != sp.ConfigHash {
		return &MismatchError{Why: fmt.Sprintf("the configuration files, the files they read (file, file_lines, "+
			"templatefile) or the input values (-var, -var-file, LINEUP_VAR_*) differ from those the plan was made "+
			"with (plan %s, now %s).",
			short(sp.ConfigHash), short(got))}
	}
	return nil
}

// CheckState returns a *StaleError unless st is the state the plan was
// made against: same lineage and serial, or, for a plan made before any
// state file existed (serial 0), still none. A fresh retry key of the
// plan that st records already is a *MismatchError: LINE would take the
// send for the one it was used for, and never deliver it.
func (sp *Saved) CheckState(st *state.State) error {
	if err := sp.checkSerial(st); err != nil {
		return err
	}
	return sp.checkKeysUnused(st)
}

// checkSerial is CheckState's check of the lineage and serial.
func (sp *Saved) checkSerial(st *state.State) error {
	p := sp.Plan
	switch {
	case p.Serial == 0 && st.Serial == 0:
		return nil
	case p.Serial == 0:
		return &StaleError{Why: fmt.Sprintf("it was made before anything was applied, and the state is now at serial %d: "+
			"another apply ran since, or this plan was applied already.", st.Serial)}
	case st.Serial == 0:
		return &StaleError{Why: fmt.Sprintf("it was made against serial %d of the state, and there is no state file now.", p.Serial)}
	case st.Lineage != p.Lineage:
		return &StaleError{Why: fmt.Sprintf("it was made against state lineage %s, and the state file is now of lineage %s: "+
			"it was replaced by another state.", p.Lineage, st.Lineage)}
	case st.Serial != p.Serial:
		return &StaleError{Why: fmt.Sprintf("it was made against serial %d of the state, which is now at serial %d: "+
			"another apply ran since, or this plan was applied already.", p.Serial, st.Serial)}
	}
	return nil
}

// checkKeysUnused checks that no key of a change sent with fresh keys is
// a key st records, for any send or part, current or in the history.
func (sp *Saved) checkKeysUnused(st *state.State) error {
	used := map[string]string{}
	record := func(r *state.Record) {
		used[strings.ToLower(r.RetryKey)] = r.Address
		for _, part := range r.Parts {
			used[strings.ToLower(part.RetryKey)] = r.Address
		}
	}
	for _, r := range st.Sends {
		record(r)
	}
	for _, r := range st.History {
		record(r)
	}
	delete(used, "")
	for _, ch := range sp.Plan.Changes {
		if !freshKeyed(ch) {
			continue
		}
		for _, key := range append([]string{ch.RetryKey}, ch.RetryKeys...) {
			if addr, ok := used[strings.ToLower(key)]; ok && key != "" {
				return &MismatchError{Why: fmt.Sprintf("the retry key %s of %s was used before, by %s (the state "+
					"records it); a send of a plan has a new key.", key, ch.Address, addr)}
			}
		}
	}
	return nil
}

// Options are the planner options that make the saved plan again: its
// -replace and -target addresses, and now. Retry keys are given by Match.
func (sp *Saved) Options(now func() time.Time) Options {
	return Options{Now: now, NewKey: func() string { return "" }, Replace: sp.Replace, Targets: sp.Targets}
}

// Match checks that p, made again from the configuration and state the
// saved plan was checked against (with Options), has the same changes in
// the same order: addresses, actions, payload digests, the payloads as
// the plan shows them (recipient included) and -replace; and that the
// retry keys of each send are the ones NewSaved bound to it (RetryKeyFor)
// or, for an unresolved send, the state's. Then it gives p's changes the
// saved retry keys, so apply uses exactly the keys of the reviewed plan.
// A difference is a *MismatchError, and p is left as it was.
func (sp *Saved) Match(p *Plan) error {
	saved := sp.Plan.Changes
	for i := 0; i < max(len(saved), len(p.Changes)); i++ {
		switch {
		case i >= len(p.Changes):
			return &MismatchError{Why: fmt.Sprintf("%s is in the plan but no longer in the configuration.", saved[i].Address)}
		case i >= len(saved):
			return &MismatchError{Why: fmt.Sprintf("%s is in the configuration but not in the plan.", p.Changes[i].Address)}
		}
		if err := matchChange(saved[i], p.Changes[i]); err != nil {
			return err
		}
		if err := sp.matchSend(saved[i], p.Changes[i]); err != nil {
			return err
		}
	}
	for i, ch := range p.Changes {
		if !ch.IsAudience() && (ch.Action == Send || ch.Action == Unresolved) {
			ch.RetryKey, ch.RetryKeys = saved[i].RetryKey, saved[i].RetryKeys
		}
	}
	return nil
}

func matchChange(was, now *Change) error {
	var why string
	switch {
	case was.Address != now.Address:
		why = fmt.Sprintf("the plan has %s where the configuration now gives %s.", was.Address, now.Address)
	case was.Action != now.Action:
		why = fmt.Sprintf("%s was planned as %q and would now be %q.", was.Address, ActionName(was.Action), ActionName(now.Action))
	case was.Digest != now.Digest:
		why = fmt.Sprintf("the payload of %s changed since the plan was made.", was.Address)
	case was.Replace != now.Replace:
		why = fmt.Sprintf("-replace of %s differs from the plan.", was.Address)
	case was.Action == Unresolved && was.RetryKey != now.RetryKey:
		why = fmt.Sprintf("the retry key of unresolved %s differs from the plan.", was.Address)
	case was.Action == Unresolved && !slices.Equal(was.RetryKeys, now.RetryKeys):
		why = fmt.Sprintf("the retry keys of unresolved %s differ from the plan.", was.Address)
	case was.Send != nil && now.Send != nil && len(was.RetryKeys) != len(now.RetryKeys):
		why = fmt.Sprintf("the users of %s changed since the plan was made.", was.Address)
	case !sameAudience(was, now): // planfile_casts.go
		why = fmt.Sprintf("%s changed since the plan was made.", was.Address)
	default:
		return nil
	}
	return &MismatchError{Why: why}
}

// short is a hash cut for messages: "sha256:0123456789ab".
func short(hash string) string {
	if len(hash) > len("sha256:")+12 {
		return hash[:len("sha256:")+12]
	}
	return hash
}

// matchSend checks that the send of was, a change of the saved plan, is
// shown as now, its change made again, would show it, and that was's
// retry keys are those made for it.
func (sp *Saved) matchSend(was, now *Change) error {
	if was.Send == nil || now.Send == nil {
		return nil
	}
	if freshKeyed(was) {
		key, keys := boundKeys(sp.ID, was)
		if was.RetryKey != key || !slices.Equal(was.RetryKeys, keys) {
			return &MismatchError{Why: fmt.Sprintf("the retry key of %s is not the one the plan made for it: "+
				"it was edited, or moved from another send (LINE would take the send for that one, and never "+
				"deliver it).", was.Address)}
		}
	}
	shown, shownUnknown := Redact(was.Send)
	given, givenUnknown := Redact(now.Send)
	if !reflect.DeepEqual(shown, given) {
		why := fmt.Sprintf("the plan shows the payload of %s otherwise than the configuration gives it", was.Address)
		if path, a, b, found := firstDifference(shown, given); found {
			why = fmt.Sprintf("the plan shows %s of %s as %s, and the configuration gives %s", path, was.Address, a, b)
		}
		return &MismatchError{Why: why + ": the plan was edited, and apply sends only what the configuration gives."}
	}
	if !maps.Equal(shownUnknown, givenUnknown) || !maps.Equal(was.Send.Sensitive, now.Send.Sensitive) {
		return &MismatchError{Why: fmt.Sprintf("the values of %s known only after apply, or its sensitive values, "+
			"are not where the plan shows them.", was.Address)}
	}
	return nil
}

// firstDifference returns the first path, in the walk's order, at which a
// and b differ, with what each holds there.
func firstDifference(a, b map[string]any) (path string, inA, inB string, differ bool) {
	fa, fb := leaves(a), leaves(b)
	paths := append(fa.order, fb.order...)
	for _, p := range paths {
		va, okA := fa.values[p]
		vb, okB := fb.values[p]
		if okA != okB || va != vb {
			return p, shownLeaf(va, okA), shownLeaf(vb, okB), true
		}
	}
	return "", "", "", false
}

// flat is a body as its leaves by path; objects and arrays are leaves too,
// as their kind and size.
type flat struct {
	order  []string
	values map[string]any
}

func leaves(body map[string]any) flat {
	f := flat{values: map[string]any{}}
	lang.Walk("", body, func(p *lang.Path, v any) bool {
		if p.IsRoot() {
			return true
		}
		switch v := v.(type) {
		case map[string]any:
			f.values[p.String()] = shape(fmt.Sprintf("an object of %d keys", len(v)))
		case []any:
			f.values[p.String()] = shape(fmt.Sprintf("a list of %d", len(v)))
		default:
			f.values[p.String()] = v
		}
		f.order = append(f.order, p.String())
		return true
	})
	return f
}

// shape describes an object or a list where a body differs.
type shape string

// shownLeaf shows a leaf of flat in a message.
func shownLeaf(v any, ok bool) string {
	switch v := v.(type) {
	case shape:
		return string(v)
	case string:
		return strconv.Quote(v)
	case nil:
		if !ok {
			return "nothing"
		}
		return "null"
	}
	return fmt.Sprint(v)
}
