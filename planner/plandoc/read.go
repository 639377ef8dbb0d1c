package plandoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// Read decodes a saved plan. It checks "format_version" first: a file
// without one, or of another version, is refused with an error that says
// precisely why. Then it checks the file against its plan_digest (a hand
// edit is refused), and that every retry key is a UUID used once. The
// Saved's plan holds the file's payloads (see planner.Saved); the
// Document is the file as read, for printing it again.
func Read(r io.Reader) (*planner.Saved, *Document, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("reading saved plan: %w", err)
	}
	if err := sniffFormat(data); err != nil {
		return nil, nil, err
	}
	var d Document
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, nil, fmt.Errorf("saved plan field %q must not be a JSON %s", typeErr.Field, typeErr.Value)
		}
		return nil, nil, fmt.Errorf("saved plan is not valid: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if err := d.checkDigest(); err != nil {
		return nil, nil, err
	}
	sp, err := d.saved()
	if err != nil {
		return nil, nil, err
	}
	return sp, &d, nil
}

// sniffFormat checks that data is a JSON object with the format_version
// this package reads.
func sniffFormat(data []byte) error {
	var sniff map[string]json.RawMessage
	if err := json.Unmarshal(data, &sniff); err != nil {
		return fmt.Errorf("not a saved plan: it is not a JSON object (%s)", strings.TrimPrefix(err.Error(), "json: "))
	}
	raw, ok := sniff["format_version"]
	if !ok {
		if _, isState := sniff["version"]; isState {
			return errors.New(`not a saved plan: it is a state file ("version" but no "format_version")`)
		}
		return errors.New(`not a saved plan: it has no "format_version"`)
	}
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		return fmt.Errorf(`saved plan "format_version" must be a string such as %q, not %s`, FormatVersion, raw)
	}
	if v == FormatVersion {
		return nil
	}
	major, err := strconv.Atoi(strings.SplitN(v, ".", 2)[0])
	current, _ := strconv.Atoi(FormatVersion)
	switch {
	case err == nil && major > current:
		return fmt.Errorf("saved plan format version %q is newer than this lineup reads (%q); "+
			"apply it with the lineup that made it, or make the plan again", v, FormatVersion)
	case err == nil && major >= 1:
		return fmt.Errorf("saved plan format version %q was written by an older lineup; this lineup reads "+
			"version %q only (it binds each retry key to its send and seals the file with a plan_digest); "+
			"nothing was read from it: make the plan again with lineup plan -out=FILE and review it", v, FormatVersion)
	}
	return fmt.Errorf("saved plan format version %q is not one this lineup reads (it reads %q); make the plan again",
		v, FormatVersion)
}

// checkDigest checks that d is the document its plan_digest was made of.
func (d *Document) checkDigest() error {
	if d.PlanDigest == "" {
		return errors.New(`saved plan has no "plan_digest"; lineup plan -out=FILE writes one: make the plan again`)
	}
	want, err := d.Digest()
	if err != nil {
		return fmt.Errorf("saved plan: %w", err)
	}
	if d.PlanDigest != want {
		return fmt.Errorf("saved plan was changed after it was made: its contents give plan_digest %s, not the "+
			"%s it holds; a plan is applied only as it was reviewed: make the plan again with lineup plan -out=FILE",
			want, d.PlanDigest)
	}
	return nil
}

// saved checks d as a saved plan and converts it.
func (d *Document) saved() (*planner.Saved, error) {
	if err := uuid.Validate(d.PlanID); err != nil {
		return nil, fmt.Errorf(`saved plan "plan_id" %q is not a UUID`, d.PlanID)
	}
	if !strings.HasPrefix(d.ConfigHash, "sha256:") {
		return nil, fmt.Errorf(`saved plan "config_hash" %q is not "sha256:" and a hex digest`, d.ConfigHash)
	}
	if err := d.checkKeys(); err != nil {
		return nil, err
	}
	p := &planner.Plan{Lineage: d.State.Lineage, Serial: d.State.Serial, Now: d.CreatedAt, Targets: d.Targets}
	for i, c := range d.Changes {
		ch, err := c.change()
		if err != nil {
			return nil, fmt.Errorf("saved plan changes[%d]: %w", i, err)
		}
		p.Changes = append(p.Changes, ch)
	}
	for i, r := range d.ReplyRules {
		rc, err := r.change()
		if err != nil {
			return nil, fmt.Errorf("saved plan reply_rules[%d]: %w", i, err)
		}
		p.Replies = append(p.Replies, rc)
	}
	sp := &planner.Saved{ID: d.PlanID, ConfigHash: d.ConfigHash, Replace: d.Replace, Plan: p}
	if src := d.ConfigSources; src != nil {
		sp.Sources = planner.Sources{Files: src.Files, Reads: src.Reads, Inputs: src.Inputs}
	}
	return sp, nil
}

// checkKeys checks that every retry key of d is a UUID (LINE refuses
// others) and that no two sends have the same one (LINE would take the
// second for a retry of the first, and send it never).
func (d *Document) checkKeys() error {
	seen := map[string]string{}
	for i, c := range d.Changes {
		if c == nil {
			continue
		}
		keys := append([]string{c.RetryKey}, c.RetryKeys...)
		for j, key := range keys {
			if j == 0 && key == "" {
				continue // none, or a multicast's
			}
			field := "retry_key"
			if j > 0 {
				field = fmt.Sprintf("retry_keys[%d]", j-1)
			}
			if err := uuid.Validate(key); err != nil {
				return fmt.Errorf("saved plan changes[%d] (%s): %s %q is not a UUID", i, c.Address, field, key)
			}
			if other, dup := seen[strings.ToLower(key)]; dup {
				return fmt.Errorf("saved plan changes[%d] (%s): %s %s is also a retry key of %s; each request "+
					"needs its own key", i, c.Address, field, key, other)
			}
			seen[strings.ToLower(key)] = c.Address
		}
	}
	return nil
}

func (c *Change) change() (*planner.Change, error) {
	if c == nil {
		return nil, errors.New("is null; it must be a change")
	}
	kind, name, ok := strings.Cut(c.Address, ".")
	if !ok || kind == "" || name == "" {
		return nil, fmt.Errorf("address %q is not of the form KIND.NAME", c.Address)
	}
	act, ok := planner.ActionByName(c.Action)
	if !ok {
		return nil, fmt.Errorf(`action %q is not one of "send", "no-op", "changed", "forget", "unresolved", `+
			`"update", "replace", "delete"`, c.Action)
	}
	ch := &planner.Change{Address: c.Address, Action: act, Reason: c.Reason, Replace: c.Replace, Digest: c.Digest,
		RetryKey: c.RetryKey, RetryKeys: c.RetryKeys, Estimate: -1, Policy: c.Policy.notes()}
	if c.RetryKeyExpires != nil {
		ch.KeyExpires = *c.RetryKeyExpires
	}
	if c.EstimatedMessages != nil {
		ch.Estimate = *c.EstimatedMessages
	}
	if kind == "audience" {
		return ch, c.audienceChange(ch, name)
	}
	if !slices.Contains(lang.SendKinds, lang.Kind(kind)) {
		return nil, fmt.Errorf("address %q: %q is not push, multicast, broadcast, narrowcast or audience", c.Address, kind)
	}
	if act == planner.Send && c.RetryKey == "" && len(c.RetryKeys) == 0 {
		return nil, fmt.Errorf("%s is to be sent but has no retry_key", c.Address)
	}
	if act != planner.Forget {
		ch.Send = c.send(kind, name)
	}
	for i, d := range c.SentDiff {
		a, err := d.change()
		if err != nil {
			return nil, fmt.Errorf("sent_diff[%d]: %w", i, err)
		}
		ch.SentDiff = append(ch.SentDiff, a)
	}
	if r := c.Prior; r != nil {
		ch.Prior = &state.Record{Address: c.Address, Status: state.Status(r.Status), RetryKey: r.RetryKey,
			Digest: r.Digest, RequestID: r.RequestID}
		if r.FirstAttempt != nil {
			ch.Prior.FirstAttempt = *r.FirstAttempt
		}
		if r.SentAt != nil {
			ch.Prior.SentAt = *r.SentAt
		}
	}
	return ch, nil
}

// change is d as the planner's.
func (d *AttrChange) change() (planner.AttrChange, error) {
	if d == nil {
		return planner.AttrChange{}, errors.New("is null; it must be an attribute change")
	}
	for op, name := range attrActions {
		if name == d.Action {
			return planner.AttrChange{Path: d.Path, Op: op, Before: d.Before, After: d.After, Sensitive: d.Sensitive}, nil
		}
	}
	return planner.AttrChange{}, fmt.Errorf(`action %q is not one of "update", "create", "delete"`, d.Action)
}

// change is r as the planner's, for display: a reply rule is not sent
// from a saved plan; apply records the rules of the configuration, whose
// hash the plan holds.
func (r *ReplyRule) change() (*planner.ReplyChange, error) {
	if r == nil {
		return nil, errors.New("is null; it must be a reply rule")
	}
	act, ok := planner.ActionByName(r.Action)
	if !ok || (act != planner.Send && act != planner.Update && act != planner.Delete && act != planner.NoOp) {
		return nil, fmt.Errorf(`action %q is not one of "send", "update", "delete", "no-op"`, r.Action)
	}
	rc := &planner.ReplyChange{Name: r.Name, Action: act, Digest: r.Digest}
	for i, d := range r.Diff {
		a, err := d.change()
		if err != nil {
			return nil, fmt.Errorf("diff[%d]: %w", i, err)
		}
		rc.Diff = append(rc.Diff, a)
	}
	if act != planner.Delete {
		rc.Rule = (&Change{Payload: r.Rule, SensitivePaths: r.SensitivePaths}).send("reply", r.Name)
	}
	return rc, nil
}

// send is the send of c as its payload shows it: lang.Unknown back at the
// paths of KnownAfterApply, null at the sensitive paths.
func (c *Change) send(kind, name string) *lang.Send {
	s := &lang.Send{Kind: lang.Kind(kind), Name: name, DependsOn: c.DependsOn, Body: map[string]any{}}
	if c.Payload != nil {
		s.Body, _ = lang.Rewrite("", c.Payload, func(p *lang.Path, _ any) (any, bool) {
			if p.IsRoot() {
				return nil, false
			}
			ref, ok := c.KnownAfterApply[p.String()]
			return lang.Unknown{Ref: ref}, ok
		}).(map[string]any)
	}
	for _, path := range c.SensitivePaths {
		if s.Sensitive == nil {
			s.Sensitive = map[string]bool{}
		}
		s.Sensitive[path] = true
	}
	return s
}
