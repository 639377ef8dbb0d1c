package state

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
)

// fileV1 is the on-disk form of version 1. It is private so that the
// in-memory State can change without changing the file format.
type fileV1 struct {
	Version   int                    `json:"version"`
	Lineage   string                 `json:"lineage"`
	Serial    uint64                 `json:"serial"`
	Sends     map[string]*recordV1   `json:"sends"`
	History   []*recordV1            `json:"history"`
	Audiences map[string]*audienceV1 `json:"audiences,omitempty"`
	Replies   map[string]*replyV1    `json:"replies,omitempty"`

	// LineupVersion is State.LineupVersion.
	LineupVersion string `json:"lineup_version,omitempty"`
}

type replyV1 struct {
	Name             string            `json:"name"`
	Digest           string            `json:"digest"`
	Body             map[string]any    `json:"body"`
	SensitiveDigests map[string]string `json:"sensitive_digests,omitempty"`
	Salt             string            `json:"salt,omitempty"`
	AppliedAt        time.Time         `json:"applied_at,omitzero"`
}

type audienceV1 struct {
	Address     string    `json:"address"`
	ID          int64     `json:"id"`
	Description string    `json:"description"`
	Kind        string    `json:"kind"`
	Digest      string    `json:"digest,omitempty"`
	Count       int       `json:"count,omitempty"`
	CreatedAt   time.Time `json:"created_at,omitzero"`
}

type partV1 struct {
	RetryKey     string    `json:"retry_key"`
	Status       string    `json:"status"`
	FirstAttempt time.Time `json:"first_attempt,omitzero"`
	RequestID    string    `json:"request_id,omitempty"`
	Count        int       `json:"count"`
}

type progressV1 struct {
	Phase             string    `json:"phase"`
	SuccessCount      int64     `json:"success_count,omitempty"`
	FailureCount      int64     `json:"failure_count,omitempty"`
	TargetCount       int64     `json:"target_count,omitempty"`
	ErrorCode         int       `json:"error_code,omitempty"`
	FailedDescription string    `json:"failed_description,omitempty"`
	AcceptedTime      time.Time `json:"accepted_time,omitzero"`
	CompletedTime     time.Time `json:"completed_time,omitzero"`
	CheckedAt         time.Time `json:"checked_at,omitzero"`
}

type recordV1 struct {
	Address      string            `json:"address"`
	Status       string            `json:"status"`
	RetryKey     string            `json:"retry_key,omitempty"`
	FirstAttempt time.Time         `json:"first_attempt,omitzero"`
	Digest       string            `json:"digest,omitempty"`
	Body         json.RawMessage   `json:"body,omitempty"`
	Sensitive    map[string]string `json:"sensitive_digests,omitempty"`
	To           string            `json:"to,omitempty"`
	RequestID    string            `json:"request_id,omitempty"`
	Sent         []sentMessageV1   `json:"sent,omitempty"`
	SentAt       time.Time         `json:"sent_at,omitzero"`
	ForgottenAt  time.Time         `json:"forgotten_at,omitzero"`
	Parts        []partV1          `json:"parts,omitempty"`
	Progress     *progressV1       `json:"progress,omitempty"`
	Due          time.Time         `json:"due,omitzero"`
	NotAfter     time.Time         `json:"not_after,omitzero"`
}

type sentMessageV1 struct {
	ID         string `json:"id"`
	QuoteToken string `json:"quote_token,omitempty"`
}

// fromState builds the on-disk form of s; times are written in UTC.
func fromState(s *State) *fileV1 {
	f := &fileV1{
		Version: Version,
		Lineage: s.Lineage,
		Serial:  s.Serial,
		Sends:   map[string]*recordV1{},
		History: []*recordV1{},

		LineupVersion: s.LineupVersion,
	}
	for addr, r := range s.Sends {
		f.Sends[addr] = fromRecord(r)
	}
	for _, r := range s.History {
		f.History = append(f.History, fromRecord(r))
	}
	if len(s.Audiences) > 0 {
		f.Audiences = map[string]*audienceV1{}
		for addr, a := range s.Audiences {
			f.Audiences[addr] = fromAudience(a)
		}
	}
	if len(s.Replies) > 0 {
		f.Replies = map[string]*replyV1{}
		for name, r := range s.Replies {
			f.Replies[name] = fromReply(r)
		}
	}
	return f
}

func fromReply(r *Reply) *replyV1 {
	return &replyV1{Name: r.Name, Digest: r.Digest, Body: r.Body, SensitiveDigests: r.SensitiveDigests, Salt: r.Salt,
		AppliedAt: utc(r.AppliedAt)}
}

// reply is the in-memory form of rv, the reply rule of that name.
func (rv *replyV1) reply(name string) (*Reply, error) {
	where := fmt.Sprintf("replies[%q]", name)
	switch {
	case rv == nil:
		return nil, fmt.Errorf("state file %s is null", where)
	case rv.Name != name:
		return nil, fmt.Errorf("state file %s has name %q; the two must be equal", where, rv.Name)
	case rv.Digest == "" || rv.Body == nil:
		return nil, fmt.Errorf(`state file %s has no "digest" or no "body"`, where)
	}
	return &Reply{Name: rv.Name, Digest: rv.Digest, Body: rv.Body, SensitiveDigests: rv.SensitiveDigests,
		Salt: rv.Salt, AppliedAt: rv.AppliedAt}, nil
}

func fromAudience(a *Audience) *audienceV1 {
	return &audienceV1{Address: a.Address, ID: a.ID, Description: a.Description, Kind: a.Kind,
		Digest: a.Digest, Count: a.Count, CreatedAt: utc(a.CreatedAt)}
}

func (av *audienceV1) audience(where string) (*Audience, error) {
	if av == nil || av.Address == "" {
		return nil, fmt.Errorf(`state file %s has no "address"`, where)
	}
	return &Audience{Address: av.Address, ID: av.ID, Description: av.Description, Kind: av.Kind,
		Digest: av.Digest, Count: av.Count, CreatedAt: av.CreatedAt}, nil
}

func fromRecord(r *Record) *recordV1 {
	out := &recordV1{
		Address:      r.Address,
		Status:       string(r.Status),
		RetryKey:     r.RetryKey,
		FirstAttempt: utc(r.FirstAttempt),
		Digest:       r.Digest,
		Body:         r.Body,
		Sensitive:    r.SensitiveDigests,
		To:           r.To,
		RequestID:    r.RequestID,
		SentAt:       utc(r.SentAt),
		ForgottenAt:  utc(r.ForgottenAt),
		Due:          utc(r.Due),
		NotAfter:     utc(r.NotAfter),
	}
	for _, m := range r.Sent {
		out.Sent = append(out.Sent, sentMessageV1{ID: m.ID, QuoteToken: m.QuoteToken})
	}
	for _, p := range r.Parts {
		out.Parts = append(out.Parts, partV1{RetryKey: p.RetryKey, Status: string(p.Status),
			FirstAttempt: utc(p.FirstAttempt), RequestID: p.RequestID, Count: p.Count})
	}
	if p := r.Progress; p != nil {
		out.Progress = &progressV1{Phase: p.Phase, SuccessCount: p.SuccessCount, FailureCount: p.FailureCount,
			TargetCount: p.TargetCount, ErrorCode: p.ErrorCode, FailedDescription: p.FailedDescription,
			AcceptedTime: utc(p.AcceptedTime), CompletedTime: utc(p.CompletedTime), CheckedAt: utc(p.CheckedAt)}
	}
	return out
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// state checks f and converts it to a State.
func (f *fileV1) state() (*State, error) {
	if f.Lineage == "" {
		return nil, fmt.Errorf(`state file has no "lineage"`)
	}
	if _, err := uuid.Parse(f.Lineage); err != nil {
		return nil, fmt.Errorf("state file lineage %q is not a UUID", f.Lineage)
	}
	s := &State{Lineage: f.Lineage, Serial: f.Serial, LineupVersion: f.LineupVersion, Sends: map[string]*Record{},
		Audiences: map[string]*Audience{}}
	for name, rv := range f.Replies {
		r, err := rv.reply(name)
		if err != nil {
			return nil, err
		}
		if s.Replies == nil {
			s.Replies = map[string]*Reply{}
		}
		s.Replies[name] = r
	}
	for addr, av := range f.Audiences {
		a, err := av.audience(fmt.Sprintf("audiences[%q]", addr))
		if err != nil {
			return nil, err
		}
		s.Audiences[addr] = a
	}
	addrs := make([]string, 0, len(f.Sends))
	for addr := range f.Sends {
		addrs = append(addrs, addr)
	}
	sort.Strings(addrs)
	for _, addr := range addrs {
		r, err := f.Sends[addr].record(fmt.Sprintf("sends[%q]", addr))
		if err != nil {
			return nil, err
		}
		if r.Address != addr {
			return nil, fmt.Errorf("state file sends[%q] has address %q; the two must be equal", addr, r.Address)
		}
		s.Sends[addr] = r
	}
	for i, rv := range f.History {
		r, err := rv.record(fmt.Sprintf("history[%d]", i))
		if err != nil {
			return nil, err
		}
		s.History = append(s.History, r)
	}
	return s, nil
}

// record checks one on-disk record; where names it in errors.
func (rv *recordV1) record(where string) (*Record, error) {
	if rv == nil {
		return nil, fmt.Errorf("state file %s is null; it must be a record", where)
	}
	if rv.Address == "" {
		return nil, fmt.Errorf(`state file %s has no "address"`, where)
	}
	st := Status(rv.Status)
	switch st {
	case Pending:
		if rv.RetryKey == "" && len(rv.Parts) == 0 {
			return nil, fmt.Errorf(`state file %s is pending but has no "retry_key"`, where)
		}
	case Scheduled:
		if rv.Due.IsZero() || rv.Digest == "" {
			return nil, fmt.Errorf(`state file %s is scheduled but has no "due" or no "digest"`, where)
		}
	case Sent, Expired:
	case "":
		return nil, fmt.Errorf(`state file %s has no "status"`, where)
	default:
		return nil, fmt.Errorf(`state file %s has status %q; it must be "pending", "sent", "scheduled" or "expired"`, where, rv.Status)
	}
	r := &Record{
		Address:          rv.Address,
		Status:           st,
		RetryKey:         rv.RetryKey,
		FirstAttempt:     rv.FirstAttempt,
		Digest:           rv.Digest,
		Body:             rv.Body,
		SensitiveDigests: rv.Sensitive,
		To:               rv.To,
		RequestID:        rv.RequestID,
		SentAt:           rv.SentAt,
		ForgottenAt:      rv.ForgottenAt,
		Due:              rv.Due,
		NotAfter:         rv.NotAfter,
	}
	for _, m := range rv.Sent {
		r.Sent = append(r.Sent, SentMessage{ID: m.ID, QuoteToken: m.QuoteToken})
	}
	for i, p := range rv.Parts {
		ps := Status(p.Status)
		if ps != Pending && ps != Sent {
			return nil, fmt.Errorf(`state file %s parts[%d] has status %q; it must be "pending" or "sent"`, where, i, p.Status)
		}
		r.Parts = append(r.Parts, Part{RetryKey: p.RetryKey, Status: ps, FirstAttempt: p.FirstAttempt,
			RequestID: p.RequestID, Count: p.Count})
	}
	if p := rv.Progress; p != nil {
		r.Progress = &Progress{Phase: p.Phase, SuccessCount: p.SuccessCount, FailureCount: p.FailureCount,
			TargetCount: p.TargetCount, ErrorCode: p.ErrorCode, FailedDescription: p.FailedDescription,
			AcceptedTime: p.AcceptedTime, CompletedTime: p.CompletedTime, CheckedAt: p.CheckedAt}
	}
	return r, nil
}
