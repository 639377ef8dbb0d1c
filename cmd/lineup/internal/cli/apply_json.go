package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/planner"
)

// applyFormatVersion is the format_version of the events apply -json
// streams. A consumer should refuse a major version it does not know and
// ignore fields and event types it does not know.
const applyFormatVersion = "1.0"

// applyEvent is one line of apply -json: one JSON object per event, as
// terraform apply -json prints them. Its fields are the public format;
// which are set depends on Type:
//
//   - "version": Lineup, FormatVersion; the first line.
//   - "planned": Address, Action; one per change of the plan.
//   - "sending": Address; the send's retry key is recorded and its
//     request is leaving.
//   - "sent": Address, RequestID, Result ("sent", or "sent before" when
//     LINE had accepted the retry key before), Detail.
//   - "retried": Address, Error; a request is tried again.
//   - "failed": Address, Error, Cause, Result ("failed", or "skipped"
//     when it was not attempted).
//   - "applied": Address, Result; any other change finished ("forgotten",
//     "created audience", "delivered", ...), Detail.
//   - "summary": Summary; the last line.
type applyEvent struct {
	Message   string `json:"@message"`
	Timestamp string `json:"@timestamp"`
	Type      string `json:"type"`

	Lineup        string `json:"lineup,omitempty"`
	FormatVersion string `json:"format_version,omitempty"`

	Address   string `json:"address,omitempty"`
	Action    string `json:"action,omitempty"`
	Result    string `json:"result,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	Detail    string `json:"detail,omitempty"`
	Error     string `json:"error,omitempty"`
	Cause     string `json:"cause,omitempty"`

	Summary *applySummary `json:"summary,omitempty"`
}

// applySummary is how an apply ended.
type applySummary struct {
	// Complete is true when everything the plan applies was done.
	Complete    bool `json:"complete"`
	Interrupted bool `json:"interrupted"`
	Planned     int  `json:"planned"`
	Sent        int  `json:"sent"`
	Retried     int  `json:"retried"`
	Failed      int  `json:"failed"`
	// NotSent are the sends not attempted: interrupted, or after a change
	// they depend on failed.
	NotSent   int    `json:"not_sent"`
	Forgotten int    `json:"forgotten"`
	Error     string `json:"error,omitempty"`
}

// jsonView streams an apply as applyEvents on stdout; each event is one
// write, so a reader sees it as it happens.
type jsonView struct {
	s   Streams
	mu  sync.Mutex
	enc *json.Encoder
	t   tally
}

// newJSONView starts the stream with its "version" line.
func newJSONView(s Streams) *jsonView {
	v := &jsonView{s: s, enc: json.NewEncoder(s.Out)}
	v.enc.SetEscapeHTML(false)
	v.emit(applyEvent{Type: "version", Message: "lineup " + Version(), Lineup: Version(), FormatVersion: applyFormatVersion})
	return v
}

func (v *jsonView) emit(e applyEvent) {
	e.Timestamp = v.s.Now().UTC().Format(time.RFC3339Nano)
	_ = v.enc.Encode(e) // like any print to stdout, a failed write is not an apply error
}

// planned emits a "planned" event for each change p applies.
func (v *jsonView) planned(p *planner.Plan) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.t = newTally(p)
	for _, ch := range p.Changes {
		if ch.Action == planner.NoOp && !ch.Follows() {
			continue
		}
		action := planner.ActionName(ch.Action)
		v.emit(applyEvent{Type: "planned", Message: fmt.Sprintf("%s: plan to %s", ch.Address, action),
			Address: ch.Address, Action: action})
	}
}

func (v *jsonView) report(e applier.Event) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.t.add(e)
	out := applyEvent{Address: e.Address, Action: planner.ActionName(e.Action), Result: e.Result.String(),
		RequestID: e.RequestID, Detail: e.Detail}
	switch e.Result {
	case applier.Sending:
		out.Type, out.Result = "sending", ""
	case applier.Sent, applier.SentBefore:
		out.Type = "sent"
	case applier.Retrying:
		out.Type, out.Result = "retried", ""
	case applier.Failed, applier.Skipped:
		out.Type, out.Cause = "failed", failureCause(e)
	default:
		out.Type = "applied"
	}
	if e.Err != nil {
		out.Error = e.Err.Error()
	}
	out.Message = e.Address + ": " + out.Type
	if out.Error != "" {
		out.Message = out.Error
	}
	v.emit(out)
}

// interrupt says on stderr what happens after Ctrl-C; the stream goes on
// with the events of the sends in flight, and those not sent.
func (v *jsonView) interrupt() {
	fmt.Fprintln(v.s.Err, "Interrupted: starting no new requests; waiting for those in flight to be answered and recorded...")
}

// end emits the "summary" event and returns the exit code.
func (v *jsonView) end(err error, interrupted bool) int {
	v.mu.Lock()
	defer v.mu.Unlock()
	t := &v.t
	sum := &applySummary{Complete: err == nil, Interrupted: interrupted, Planned: t.total, Sent: t.sent,
		Retried: t.retried, Failed: t.failed, NotSent: t.left(), Forgotten: t.forgot}
	msg := fmt.Sprintf("Apply complete! %d sent, %d forgotten.", t.sent, t.forgot)
	if err != nil {
		sum.Error = err.Error()
		msg = fmt.Sprintf("Apply did not finish: %d sent, %d failed, %d not sent.", t.sent, t.failed, sum.NotSent)
	}
	v.emit(applyEvent{Type: "summary", Message: msg, Summary: sum})
	if err != nil {
		return 1
	}
	return 0
}

// errJSONNeedsApproval is the error of apply -json without -auto-approve:
// a stream of JSON cannot ask for "yes".
var errJSONNeedsApproval = errors.New("apply -json needs -auto-approve (or a saved plan): it cannot ask for approval")
