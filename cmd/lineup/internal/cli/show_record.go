package cli

import (
	"fmt"
	"io"
	"sort"

	"github.com/lineupdev/lineup/planner/state"
)

// showRecord prints one send's record: status, keys, request IDs, sent
// messages, a multicast's requests and a narrowcast's progress.
func showRecord(w io.Writer, r *state.Record) {
	fmt.Fprintf(w, "\n# %s\n", r.Address)
	field := fielder(w)
	field("status", string(r.Status))
	field("to", r.To)
	field("request_id", r.RequestID)
	field("sent_at", stamp(r.SentAt))
	field("retry_key", r.RetryKey)
	field("first_attempt", stamp(r.FirstAttempt))
	field("digest", r.Digest)
	field("forgotten_at", stamp(r.ForgottenAt))
	field("due", stamp(r.Due))
	field("not_after", stamp(r.NotAfter))
	for i, m := range r.Sent {
		q := m.QuoteToken
		if q == "" {
			q = "(none)"
		}
		fmt.Fprintf(w, "  sent[%d]       = id %s, quote_token %s\n", i, m.ID, q)
	}
	for i, p := range r.Parts {
		line := fmt.Sprintf("%s, %d users, retry_key %s", p.Status, p.Count, p.RetryKey)
		if p.RequestID != "" {
			line += ", request " + p.RequestID
		}
		fmt.Fprintf(w, "  part[%d]       = %s\n", i, line)
	}
	if p := r.Progress; p != nil {
		field("phase", p.Phase)
		if p.Phase == "sending" || p.Phase == "succeeded" {
			field("delivered", fmt.Sprintf("%d of %d, %d failed", p.SuccessCount, p.TargetCount, p.FailureCount))
		}
		if p.Phase == "failed" {
			field("error_code", fmt.Sprint(p.ErrorCode))
			field("error", p.FailedDescription)
		}
		field("completed_at", stamp(p.CompletedTime))
		field("checked_at", stamp(p.CheckedAt))
	}
}

// showAudiences prints the audiences lineup manages: their IDs on LINE,
// and the digest and count of their members, which the state never holds.
func showAudiences(w io.Writer, st *state.State) {
	addrs := make([]string, 0, len(st.Audiences))
	for a := range st.Audiences {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, addr := range addrs {
		a := st.Audiences[addr]
		fmt.Fprintf(w, "\n# %s\n", a.Address)
		field := fielder(w)
		field("id", fmt.Sprint(a.ID))
		field("description", fmt.Sprintf("%q", a.Description))
		field("kind", a.Kind)
		if a.Kind == "upload" {
			field("members", fmt.Sprint(a.Count))
		}
		field("digest", a.Digest)
		field("created_at", stamp(a.CreatedAt))
	}
}

// fielder returns a func that prints "name = value", skipping empty
// values.
func fielder(w io.Writer) func(name, value string) {
	return func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "  %-13s = %s\n", name, value)
		}
	}
}
