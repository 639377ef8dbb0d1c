package cli

import (
	"encoding/json"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/lineupdev/lineup/planner/state"
)

// stateFormatVersion is the format_version of lineup show -json (of the
// state). A consumer should refuse a major version it does not know and
// ignore fields it does not know.
const stateFormatVersion = "1.0"

// stateOutput is lineup show -json: the state as a public document,
// apart from the state file's own format, which may change with it.
// Sends and audiences are sorted by address, history oldest first.
type stateOutput struct {
	FormatVersion string `json:"format_version"`
	// Path is the state file it was read from.
	Path string `json:"path"`
	// Lineage is "" when nothing was applied yet.
	Lineage string `json:"lineage,omitempty"`
	Serial  uint64 `json:"serial"`
	// LineupVersion is the lineup that last wrote the state.
	LineupVersion string           `json:"lineup_version,omitempty"`
	Sends         []sendOutput     `json:"sends"`
	History       []sendOutput     `json:"history"`
	Audiences     []audienceOutput `json:"audiences"`
}

type sendOutput struct {
	Address string `json:"address"`
	// Status is "sent" or "pending" (the outcome is unknown).
	Status       string    `json:"status"`
	To           string    `json:"to,omitempty"`
	RequestID    string    `json:"request_id,omitempty"`
	SentAt       time.Time `json:"sent_at,omitzero"`
	RetryKey     string    `json:"retry_key,omitempty"`
	FirstAttempt time.Time `json:"first_attempt,omitzero"`
	Digest       string    `json:"digest,omitempty"`
	ForgottenAt  time.Time `json:"forgotten_at,omitzero"`
	// Messages are the messages LINE sent, with their quote tokens.
	Messages []messageOutput `json:"messages,omitempty"`
	// Requests are a multicast's requests of at most 500 users.
	Requests []requestOutput `json:"requests,omitempty"`
	// Progress is a narrowcast's delivery as last read from LINE.
	Progress *progressOutput `json:"progress,omitempty"`
}

type messageOutput struct {
	ID         string `json:"id"`
	QuoteToken string `json:"quote_token,omitempty"`
}

type requestOutput struct {
	Status    string `json:"status"`
	Users     int    `json:"users"`
	RetryKey  string `json:"retry_key"`
	RequestID string `json:"request_id,omitempty"`
}

type progressOutput struct {
	Phase         string    `json:"phase"`
	Delivered     int64     `json:"delivered"`
	Failed        int64     `json:"failed"`
	Target        int64     `json:"target"`
	ErrorCode     int       `json:"error_code,omitempty"`
	Error         string    `json:"error,omitempty"`
	CompletedTime time.Time `json:"completed_time,omitzero"`
	CheckedAt     time.Time `json:"checked_at,omitzero"`
}

type audienceOutput struct {
	Address     string `json:"address"`
	ID          int64  `json:"id"`
	Description string `json:"description"`
	Kind        string `json:"kind"`
	// Members is an upload audience's member count; the state never
	// holds the members.
	Members   int       `json:"members,omitempty"`
	Digest    string    `json:"digest,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero"`
}

// showStateJSON writes st, read from path, as a stateOutput.
func showStateJSON(w io.Writer, path string, st *state.State) error {
	out := stateOutput{FormatVersion: stateFormatVersion, Path: path, Serial: st.Serial,
		LineupVersion: st.LineupVersion, Sends: []sendOutput{}, History: []sendOutput{}, Audiences: []audienceOutput{}}
	if st.Serial > 0 {
		out.Lineage = st.Lineage
	}
	for _, a := range slices.Sorted(maps.Keys(st.Sends)) {
		out.Sends = append(out.Sends, sendOf(st.Sends[a]))
	}
	for _, r := range st.History {
		out.History = append(out.History, sendOf(r))
	}
	for _, a := range slices.Sorted(maps.Keys(st.Audiences)) {
		au := st.Audiences[a]
		out.Audiences = append(out.Audiences, audienceOutput{Address: au.Address, ID: au.ID, Description: au.Description,
			Kind: au.Kind, Members: au.Count, Digest: au.Digest, CreatedAt: au.CreatedAt.UTC()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func sendOf(r *state.Record) sendOutput {
	out := sendOutput{Address: r.Address, Status: string(r.Status), To: r.To, RequestID: r.RequestID,
		SentAt: r.SentAt.UTC(), RetryKey: r.RetryKey, FirstAttempt: r.FirstAttempt.UTC(), Digest: r.Digest,
		ForgottenAt: r.ForgottenAt.UTC()}
	for _, m := range r.Sent {
		out.Messages = append(out.Messages, messageOutput{ID: m.ID, QuoteToken: m.QuoteToken})
	}
	for _, p := range r.Parts {
		out.Requests = append(out.Requests, requestOutput{Status: string(p.Status), Users: p.Count,
			RetryKey: p.RetryKey, RequestID: p.RequestID})
	}
	if p := r.Progress; p != nil {
		out.Progress = &progressOutput{Phase: p.Phase, Delivered: p.SuccessCount, Failed: p.FailureCount,
			Target: p.TargetCount, ErrorCode: p.ErrorCode, Error: p.FailedDescription,
			CompletedTime: p.CompletedTime.UTC(), CheckedAt: p.CheckedAt.UTC()}
	}
	return out
}
