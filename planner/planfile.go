package planner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// PlanFormatVersion is the format_version of the saved plans this lineup
// writes, and the only one it reads.
const PlanFormatVersion = "1"

// Saved is a plan saved for review by `lineup plan -out=FILE`, with what
// apply needs to check that it still holds.
//
// Its Plan is for display: sends hold their bodies with every sensitive
// value replaced by null (Send.Sensitive says where) and no Ranges. Apply
// never sends from it: it loads the configuration again, checks it with
// CheckConfig and CheckState, makes the plan again with Options, and
// checks the new plan with Match, which gives it the saved retry keys.
type Saved struct {
	// ID names the plan; it is fixed when the plan is saved.
	ID string
	// ConfigHash is ConfigHash of the configuration the plan was made
	// from, with the input values it was made with.
	ConfigHash string
	// Replace are the -replace addresses the plan was made with.
	Replace []string
	// Plan is the plan, with Lineage and Serial of the state it was made
	// against (serial 0: there was no state file yet).
	Plan *Plan
}

// NewSaved returns p saved with id, for cfg (the configuration p was made
// from) and the -replace addresses p was made with.
func NewSaved(id string, cfg *lang.Config, p *Plan, replace []string) *Saved {
	return &Saved{ID: id, ConfigHash: ConfigHash(cfg), Replace: append([]string(nil), replace...), Plan: p}
}

// ConfigHash is "sha256:" and the hex SHA-256 of every *.lineup.hcl file
// of cfg (names and bytes, in name order), of the files its file
// functions read (lang.Config.FilesRead) and of the value of every
// variable (lang.Config.InputsDigest). The same files and input values
// give the same hash, wherever the values came from.
func ConfigHash(cfg *lang.Config) string {
	h := sha256.New()
	fmt.Fprintf(h, "lineup configuration hash 1\n")
	var names []string
	for name := range cfg.Files {
		if strings.HasSuffix(name, ".lineup.hcl") && filepath.Dir(name) == filepath.Clean(cfg.Dir) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		src := cfg.Files[name].Bytes
		fmt.Fprintf(h, "file %q %d\n", filepath.Base(name), len(src))
		h.Write(src)
	}
	read := cfg.FilesRead()
	for _, path := range slices.Sorted(maps.Keys(read)) {
		fmt.Fprintf(h, "read %q sha256:%s\n", path, read[path])
	}
	fmt.Fprintf(h, "inputs %s\n", cfg.InputsDigest())
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// ActionName is the name of an action in plan files and JSON output:
// "send", "no-op", "changed", "forget" or "unresolved"; for audiences
// also "update", "replace" and "delete" (creating one is "send").
func ActionName(a Action) string {
	for name, act := range actionNames {
		if act == a {
			return name
		}
	}
	return string(a)
}

var actionNames = map[string]Action{
	"send": Send, "no-op": NoOp, "changed": Changed, "forget": Forget, "unresolved": Unresolved,
	"update": Update, "replace": Replace, "delete": Delete,
}

// planFileV1 is the on-disk form of a saved plan, format version 1. It is
// public (people and tools read it) and apart from the in-memory types.
type planFileV1 struct {
	FormatVersion string          `json:"format_version"`
	PlanID        string          `json:"plan_id"`
	CreatedAt     time.Time       `json:"created_at"`
	State         planStateV1     `json:"state"`
	ConfigHash    string          `json:"config_hash"`
	Replace       []string        `json:"replace,omitempty"`
	Changes       []*planChangeV1 `json:"changes"`
}

// planStateV1 is the state the plan was made against; serial 0 means no
// state file existed (its lineage is then not compared).
type planStateV1 struct {
	Lineage string `json:"lineage,omitempty"`
	Serial  uint64 `json:"serial"`
}

type planChangeV1 struct {
	Address  string `json:"address"`
	Action   string `json:"action"`
	Reason   string `json:"reason,omitempty"`
	Replace  bool   `json:"replace,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Digest   string `json:"digest,omitempty"`
	RetryKey string `json:"retry_key,omitempty"`
	// RetryKeys are a multicast's, one per request.
	RetryKeys  []string  `json:"retry_keys,omitempty"`
	KeyExpires time.Time `json:"key_expires,omitzero"`
	// Estimate is -1 when it cannot be known offline.
	Estimate  int      `json:"estimated_messages"`
	DependsOn []string `json:"depends_on,omitempty"`
	// Payload is the request body with null at SensitivePaths and at
	// KnownAfterApply's paths (JSON path to the reference that gives it).
	Payload         map[string]any    `json:"payload,omitempty"`
	SensitivePaths  []string          `json:"sensitive_paths,omitempty"`
	KnownAfterApply map[string]string `json:"known_after_apply,omitempty"`
	Prior           *planPriorV1      `json:"prior,omitempty"`
	// Audience and PriorAudience are an audience change's sides (kind
	// "audience"; planfile_casts.go).
	Audience      *planAudienceV1      `json:"audience,omitempty"`
	PriorAudience *planPriorAudienceV1 `json:"prior_audience,omitempty"`
}

type planPriorV1 struct {
	Status       string    `json:"status"`
	RetryKey     string    `json:"retry_key,omitempty"`
	FirstAttempt time.Time `json:"first_attempt,omitzero"`
	Digest       string    `json:"digest,omitempty"`
	RequestID    string    `json:"request_id,omitempty"`
	SentAt       time.Time `json:"sent_at,omitzero"`
}

// Encode returns the bytes of sp's plan file: pretty-printed JSON with a
// trailing newline. No sensitive value is in it: the payloads hold null
// at those paths, and their digests are of the real bodies.
func (sp *Saved) Encode() ([]byte, error) {
	p := sp.Plan
	f := &planFileV1{
		FormatVersion: PlanFormatVersion,
		PlanID:        sp.ID,
		CreatedAt:     p.Now.UTC(),
		State:         planStateV1{Serial: p.Serial},
		ConfigHash:    sp.ConfigHash,
		Replace:       sp.Replace,
		Changes:       []*planChangeV1{},
	}
	if p.Serial > 0 {
		f.State.Lineage = p.Lineage
	}
	for _, ch := range p.Changes {
		f.Changes = append(f.Changes, fromChange(ch))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encoding saved plan: %w", err)
	}
	return buf.Bytes(), nil
}

func fromChange(ch *Change) *planChangeV1 {
	out := &planChangeV1{
		Address:    ch.Address,
		Action:     ActionName(ch.Action),
		Reason:     ch.Reason,
		Replace:    ch.Replace,
		Digest:     ch.Digest,
		RetryKey:   ch.RetryKey,
		RetryKeys:  ch.RetryKeys,
		KeyExpires: utc(ch.KeyExpires),
		Estimate:   ch.Estimate,
	}
	if ch.IsAudience() {
		fromAudienceChange(out, ch)
	}
	if s := ch.Send; s != nil {
		out.Kind = s.Kind
		out.DependsOn = s.DependsOn
		unknown := map[string]string{}
		out.Payload = redact(s.Body, s.Sensitive, unknown)
		if len(unknown) > 0 {
			out.KnownAfterApply = unknown
		}
		for path := range s.Sensitive {
			out.SensitivePaths = append(out.SensitivePaths, path)
		}
		sort.Strings(out.SensitivePaths)
	}
	if r := ch.Prior; r != nil {
		out.Prior = &planPriorV1{Status: string(r.Status), RetryKey: r.RetryKey, FirstAttempt: utc(r.FirstAttempt),
			Digest: r.Digest, RequestID: r.RequestID, SentAt: utc(r.SentAt)}
	}
	return out
}

// redact copies body with null for the values at sensitive paths (and
// under them) and for lang.Unknown values, whose references it records
// in unknown by path.
func redact(body map[string]any, sensitive map[string]bool, unknown map[string]string) map[string]any {
	out, _ := lang.Rewrite("", body, func(p *lang.Path, v any) (any, bool) {
		if !p.IsRoot() && p.In(sensitive) {
			return nil, true
		}
		if u, ok := lang.UnknownOf(v); ok {
			unknown[p.String()] = u.Ref
			return nil, true
		}
		return nil, false
	}).(map[string]any)
	return out
}

// ReadSaved decodes a plan file. It checks "format_version" first: a
// file without one, or of another version, is refused with an error that
// says precisely why. Sends in the plan hold the file's payloads (see
// Saved).
func ReadSaved(r io.Reader) (*Saved, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading saved plan: %w", err)
	}
	if err := sniffFormat(data); err != nil {
		return nil, err
	}
	var f planFileV1
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, fmt.Errorf("saved plan field %q must not be a JSON %s", typeErr.Field, typeErr.Value)
		}
		return nil, fmt.Errorf("saved plan is not valid: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return f.saved()
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
		return fmt.Errorf(`saved plan "format_version" must be a string such as %q, not %s`, PlanFormatVersion, raw)
	}
	if v == PlanFormatVersion {
		return nil
	}
	if major, err := strconv.Atoi(strings.SplitN(v, ".", 2)[0]); err == nil && major > 1 {
		return fmt.Errorf("saved plan format version %q is newer than this lineup reads (%q); "+
			"apply it with the lineup that made it, or make the plan again", v, PlanFormatVersion)
	}
	return fmt.Errorf("saved plan format version %q is not one this lineup reads (it reads %q); make the plan again",
		v, PlanFormatVersion)
}

// saved checks f and converts it.
func (f *planFileV1) saved() (*Saved, error) {
	if f.PlanID == "" {
		return nil, errors.New(`saved plan has no "plan_id"`)
	}
	if !strings.HasPrefix(f.ConfigHash, "sha256:") {
		return nil, fmt.Errorf(`saved plan "config_hash" %q is not "sha256:" and a hex digest`, f.ConfigHash)
	}
	p := &Plan{Lineage: f.State.Lineage, Serial: f.State.Serial, Now: f.CreatedAt}
	for i, c := range f.Changes {
		ch, err := c.change()
		if err != nil {
			return nil, fmt.Errorf("saved plan changes[%d]: %w", i, err)
		}
		p.Changes = append(p.Changes, ch)
	}
	return &Saved{ID: f.PlanID, ConfigHash: f.ConfigHash, Replace: f.Replace, Plan: p}, nil
}

func (c *planChangeV1) change() (*Change, error) {
	if c == nil {
		return nil, errors.New("is null; it must be a change")
	}
	kind, name, ok := strings.Cut(c.Address, ".")
	if !ok || kind == "" || name == "" {
		return nil, fmt.Errorf("address %q is not of the form KIND.NAME", c.Address)
	}
	act, ok := actionNames[c.Action]
	if !ok {
		return nil, fmt.Errorf(`action %q is not one of "send", "no-op", "changed", "forget", "unresolved", `+
			`"update", "replace", "delete"`, c.Action)
	}
	ch := &Change{Address: c.Address, Action: act, Reason: c.Reason, Replace: c.Replace, Digest: c.Digest,
		RetryKey: c.RetryKey, RetryKeys: c.RetryKeys, KeyExpires: c.KeyExpires, Estimate: c.Estimate}
	if kind == "audience" {
		return ch, c.audienceChange(ch, name)
	}
	if act == Send && c.RetryKey == "" && len(c.RetryKeys) == 0 {
		return nil, fmt.Errorf("%s is to be sent but has no retry_key", c.Address)
	}
	if act != Forget {
		s := &lang.Send{Kind: kind, Name: name, DependsOn: c.DependsOn, Body: map[string]any{}}
		if c.Payload != nil {
			s.Body = restore(c.Payload, c.KnownAfterApply)
		}
		for _, path := range c.SensitivePaths {
			if s.Sensitive == nil {
				s.Sensitive = map[string]bool{}
			}
			s.Sensitive[path] = true
		}
		ch.Send = s
	}
	if r := c.Prior; r != nil {
		ch.Prior = &state.Record{Address: c.Address, Status: state.Status(r.Status), RetryKey: r.RetryKey,
			FirstAttempt: r.FirstAttempt, Digest: r.Digest, RequestID: r.RequestID, SentAt: r.SentAt}
	}
	return ch, nil
}

// restore copies payload with lang.Unknown at the paths of unknown.
func restore(payload map[string]any, unknown map[string]string) map[string]any {
	out, _ := lang.Rewrite("", payload, func(p *lang.Path, v any) (any, bool) {
		if p.IsRoot() {
			return nil, false
		}
		ref, ok := unknown[p.String()]
		return lang.Unknown{Ref: ref}, ok
	}).(map[string]any)
	return out
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}
