package render

import (
	"encoding/json"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
)

// JSONFormatVersion is the format_version of the JSON that JSON writes.
// It changes when a field is removed or changes meaning; new fields may
// be added without a change.
const JSONFormatVersion = "1"

// jsonPlan is the public JSON form of a plan. It has its own types so the
// planner's can change without changing this format.
type jsonPlan struct {
	FormatVersion string       `json:"format_version"`
	CreatedAt     time.Time    `json:"created_at"`
	State         jsonState    `json:"state"`
	Changes       []jsonChange `json:"changes"`
	Summary       jsonSummary  `json:"summary"`
}

// jsonState is the state the plan was made against; serial 0: none yet.
type jsonState struct {
	Lineage string `json:"lineage,omitempty"`
	Serial  uint64 `json:"serial"`
}

// jsonChange is one address. Payload is the request body LINE will
// receive, with "(sensitive)" for sensitive values (listed in
// SensitivePaths) and null for values known only after apply (listed in
// KnownAfterApply, path to the reference that gives it).
type jsonChange struct {
	Address           string            `json:"address"`
	Kind              string            `json:"kind"`
	Name              string            `json:"name"`
	Action            string            `json:"action"`
	Reason            string            `json:"reason,omitempty"`
	Replace           bool              `json:"replace,omitempty"`
	ReachesAllFriends bool              `json:"reaches_all_friends,omitempty"`
	Payload           map[string]any    `json:"payload,omitempty"`
	SensitivePaths    []string          `json:"sensitive_paths,omitempty"`
	KnownAfterApply   map[string]string `json:"known_after_apply,omitempty"`
	Digest            string            `json:"digest,omitempty"`
	// EstimatedMessages is null when it cannot be known offline; 0 for
	// an audience, which sends nothing.
	EstimatedMessages *int `json:"estimated_messages"`
	// Members is the member count of an audience created (or created
	// again) where it is known offline.
	Members         *int       `json:"members,omitempty"`
	RetryKeyExpires *time.Time `json:"retry_key_expires,omitempty"`
	Prior           *jsonPrior `json:"prior,omitempty"`
}

// jsonPrior is what the state records of the address.
type jsonPrior struct {
	Status    string     `json:"status"`
	RequestID string     `json:"request_id,omitempty"`
	SentAt    *time.Time `json:"sent_at,omitempty"`
}

type jsonSummary struct {
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
	EstimatedMessages int  `json:"estimated_messages"`
	UncountedSends    int  `json:"uncounted_sends"`
	Empty             bool `json:"empty"`
}

// JSON writes p as one JSON document (indented, with a trailing newline)
// of format JSONFormatVersion: every change in apply order, NoOp ones
// included, with its action ("send", "no-op", "changed", "forget",
// "unresolved"), reason and payload, then the summary counts. It returns
// the first error of w.
func JSON(w io.Writer, p *planner.Plan) error {
	out := jsonPlan{
		FormatVersion: JSONFormatVersion,
		CreatedAt:     p.Now.UTC(),
		State:         jsonState{Lineage: p.Lineage, Serial: p.Serial},
		Changes:       []jsonChange{},
	}
	if p.Serial == 0 {
		out.State.Lineage = ""
	}
	for _, ch := range p.Changes {
		out.Changes = append(out.Changes, toJSONChange(ch))
	}
	s := p.Summary()
	out.Summary = jsonSummary{Send: s.Send, Changed: s.Changed, Forget: s.Forget, Unresolved: s.Unresolved,
		Unchanged: s.Unchanged, Create: s.Create, Update: s.Update, Replace: s.Replace, Delete: s.Delete,
		UnchangedAudiences: s.UnchangedAudiences,
		EstimatedMessages:  s.Estimate, UncountedSends: s.Uncounted, Empty: s.Empty()}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func toJSONChange(ch *planner.Change) jsonChange {
	kind, name, _ := strings.Cut(ch.Address, ".")
	out := jsonChange{
		Address: ch.Address, Kind: kind, Name: name,
		Action:  planner.ActionName(ch.Action),
		Reason:  ch.Reason,
		Replace: ch.Replace,
		Digest:  ch.Digest,
	}
	switch {
	case ch.IsAudience():
		zero := 0
		out.EstimatedMessages = &zero
		if n := ch.Estimate; n >= 0 && (ch.Action == planner.Send || ch.Action == planner.Replace) {
			out.Members = &n // Change.Estimate of an audience is its member count
		}
	case ch.Estimate >= 0:
		n := ch.Estimate
		out.EstimatedMessages = &n
	}
	if !ch.KeyExpires.IsZero() {
		t := ch.KeyExpires.UTC()
		out.RetryKeyExpires = &t
	}
	if s := ch.Send; s != nil {
		out.ReachesAllFriends = planner.ReachesAllFriends(s)
		unknown := map[string]string{}
		out.Payload = jsonPayload(masked(s), unknown)
		if len(unknown) > 0 {
			out.KnownAfterApply = unknown
		}
		for path := range s.Sensitive {
			out.SensitivePaths = append(out.SensitivePaths, path)
		}
		sort.Strings(out.SensitivePaths)
	}
	if r := ch.Prior; r != nil {
		out.Prior = &jsonPrior{Status: string(r.Status), RequestID: r.RequestID}
		if !r.SentAt.IsZero() {
			t := r.SentAt.UTC()
			out.Prior.SentAt = &t
		}
	}
	return out
}

// jsonPayload copies a masked body for JSON: "(sensitive)" for sensitive
// values, null for values known only after apply (recorded in unknown).
func jsonPayload(body map[string]any, unknown map[string]string) map[string]any {
	out, _ := lang.Rewrite("", body, func(p *lang.Path, v any) (any, bool) {
		if _, ok := v.(sensitiveValue); ok {
			return sensitiveText, true
		}
		if u, ok := lang.UnknownOf(v); ok {
			unknown[p.String()] = u.Ref
			return nil, true
		}
		return nil, false
	}).(map[string]any)
	return out
}
