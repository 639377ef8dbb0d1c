package planner

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

const (
	user  = "U4af4980629a1b2c3d4e5f60718293a4b"
	group = "C4af4980629a1b2c3d4e5f60718293a4b"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// push builds a push whose body is to plus one text message.
func push(name, to, text string) *lang.Send {
	return &lang.Send{
		Kind:      lang.KindPush,
		Name:      name,
		DeclRange: rng(1),
		Body: map[string]any{
			"to":       to,
			"messages": []any{map[string]any{"type": "text", "text": text}},
		},
		Ranges: map[string]hcl.Range{"to": rng(2), "messages[0]": rng(3), "messages[0].text": rng(4)},
	}
}

func rng(line int) hcl.Range {
	return hcl.Range{
		Filename: "main.lineup.hcl",
		Start:    hcl.Pos{Line: line, Column: 3, Byte: 0},
		End:      hcl.Pos{Line: line, Column: 10, Byte: 7},
	}
}

func sent(s *lang.Send) *state.Record {
	return &state.Record{
		Address: s.Address(), Status: state.Sent, RetryKey: "old-key", FirstAttempt: now.Add(-72 * time.Hour),
		Digest: Digest(s.Body), To: user, RequestID: "5b59509c-0000", SentAt: now.Add(-72 * time.Hour),
	}
}

func pending(s *lang.Send, age time.Duration) *state.Record {
	return &state.Record{
		Address: s.Address(), Status: state.Pending, RetryKey: "pending-key", FirstAttempt: now.Add(-age),
		Digest: Digest(s.Body), To: user,
	}
}

// keys returns a NewKey that gives key-1, key-2, ...
func keys() func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("key-%d", n) }
}

func stateOf(records ...*state.Record) *state.State {
	st := &state.State{Lineage: "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", Serial: 7, Sends: map[string]*state.Record{}}
	for _, r := range records {
		st.Sends[r.Address] = r
	}
	return st
}

// brief is what the tests compare of a change.
type brief struct {
	Address    string
	Action     Action
	Reason     string
	RetryKey   string
	KeyExpires time.Time
	Replace    bool
	Estimate   int
	HasDigest  bool
}

func briefs(p *Plan) []brief {
	var out []brief
	for _, ch := range p.Changes {
		out = append(out, brief{
			Address: ch.Address, Action: ch.Action, Reason: ch.Reason, RetryKey: ch.RetryKey,
			KeyExpires: ch.KeyExpires, Replace: ch.Replace, Estimate: ch.Estimate, HasDigest: ch.Digest != "",
		})
	}
	return out
}

func TestMakeActions(t *testing.T) {
	welcome := push("welcome", user, "Welcome!")
	answer := push("answer", user, "Yes, you can.")
	answerEdited := push("answer", user, "Yes, you can, until 9pm.")
	toGroup := push("team", group, "Hello team")
	crashed := push("crashed", user, "Oops")
	expired := push("expired", user, "Late")
	quoting := push("quoting", user, "Quoted")
	quoting.Body["messages"].([]any)[0].(map[string]any)["quoteToken"] = lang.Unknown{Ref: "push.welcome.sent[0].quote_token"}
	old := &state.Record{Address: "push.old", Status: state.Sent, RequestID: "r-old"}
	older := &state.Record{Address: "push.a_old", Status: state.Pending, RetryKey: "k"}

	tests := []struct {
		name    string
		sends   []*lang.Send
		state   *state.State
		replace []string
		want    []brief
	}{
		{
			name:  "new sends get fresh keys in order",
			sends: []*lang.Send{welcome, toGroup},
			state: stateOf(),
			want: []brief{
				{Address: "push.welcome", Action: Send, RetryKey: "key-1", Estimate: 1, HasDigest: true},
				{Address: "push.team", Action: Send, RetryKey: "key-2", Estimate: -1, HasDigest: true},
			},
		},
		{
			name:  "sent and unchanged is a no-op",
			sends: []*lang.Send{welcome},
			state: stateOf(sent(welcome)),
			want:  []brief{{Address: "push.welcome", Action: NoOp, HasDigest: true}},
		},
		{
			name:  "sent and changed is a warning",
			sends: []*lang.Send{answerEdited},
			state: stateOf(sent(answer)),
			want: []brief{{Address: "push.answer", Action: Changed, HasDigest: true,
				Reason: "the configuration changed since it was sent; nothing will be sent"}},
		},
		{
			name:    "replace sends a changed send again",
			sends:   []*lang.Send{answerEdited},
			state:   stateOf(sent(answer)),
			replace: []string{"push.answer"},
			want: []brief{{Address: "push.answer", Action: Send, Replace: true, RetryKey: "key-1",
				Estimate: 1, HasDigest: true, Reason: "replaced on request"}},
		},
		{
			name:    "replace sends an unchanged send again",
			sends:   []*lang.Send{welcome},
			state:   stateOf(sent(welcome)),
			replace: []string{"push.welcome"},
			want: []brief{{Address: "push.welcome", Action: Send, Replace: true, RetryKey: "key-1",
				Estimate: 1, HasDigest: true, Reason: "replaced on request"}},
		},
		{
			name:  "pending is unresolved with its own key",
			sends: []*lang.Send{crashed},
			state: stateOf(pending(crashed, 50*time.Minute)),
			want: []brief{{Address: "push.crashed", Action: Unresolved, RetryKey: "pending-key",
				KeyExpires: now.Add(23*time.Hour + 10*time.Minute), Estimate: 1, HasDigest: true,
				Reason: "a request may have been accepted; its retry key is valid for 23h10m more"}},
		},
		{
			name:  "pending with an expired key",
			sends: []*lang.Send{expired},
			state: stateOf(pending(expired, 25*time.Hour)),
			want: []brief{{Address: "push.expired", Action: Unresolved, RetryKey: "pending-key",
				KeyExpires: now.Add(-time.Hour), HasDigest: true,
				Reason: "a request may have been accepted; its retry key expired at 2026-11-23T09:00:00Z, " +
					"so apply will not retry it; check on LINE whether it was delivered and resolve it by hand"}},
		},
		{
			name:  "pending whose configuration changed",
			sends: []*lang.Send{answerEdited},
			state: stateOf(pending(answer, time.Hour)),
			want: []brief{{Address: "push.answer", Action: Unresolved, RetryKey: "pending-key",
				KeyExpires: now.Add(23 * time.Hour), HasDigest: true,
				Reason: "a request may have been accepted; its retry key is valid for 23h00m more; but the " +
					"configuration changed since the attempt, so apply will refuse to retry it until the " +
					"configuration is restored"}},
		},
		{
			name:  "unknown body not yet sent",
			sends: []*lang.Send{quoting},
			state: stateOf(),
			want:  []brief{{Address: "push.quoting", Action: Send, RetryKey: "key-1", Estimate: 1}},
		},
		{
			name:  "unknown body already sent is not compared",
			sends: []*lang.Send{quoting},
			state: stateOf(&state.Record{Address: "push.quoting", Status: state.Sent, Digest: "x"}),
			want: []brief{{Address: "push.quoting", Action: NoOp,
				Reason: "sent before; its body holds values known only after apply, so it is not compared"}},
		},
		{
			name:  "records not in the configuration are forgotten last, sorted",
			sends: []*lang.Send{welcome},
			state: stateOf(old, older, sent(welcome)),
			want: []brief{
				{Address: "push.welcome", Action: NoOp, HasDigest: true},
				{Address: "push.a_old", Action: Forget, Reason: "it is no longer in the configuration"},
				{Address: "push.old", Action: Forget, Reason: "it is no longer in the configuration"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := &lang.Config{Sends: tt.sends}
			p, diags := Make(cfg, tt.state, Options{Now: func() time.Time { return now }, NewKey: keys(), Replace: tt.replace})
			if len(diags) > 0 {
				t.Fatalf("Make diagnostics: %s", diags.Error())
			}
			if diff := cmp.Diff(tt.want, briefs(p)); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			if p.Lineage != tt.state.Lineage || p.Serial != 7 || !p.Now.Equal(now) {
				t.Errorf("plan header = %q %d %v, want the state's lineage, serial 7, now", p.Lineage, p.Serial, p.Now)
			}
		})
	}
}

func TestMakeIsDeterministic(t *testing.T) {
	cfg := &lang.Config{Sends: []*lang.Send{push("a", user, "a"), push("b", user, "b")}}
	opts := func() Options { return Options{Now: func() time.Time { return now }, NewKey: keys()} }
	p1, _ := Make(cfg, stateOf(), opts())
	p2, _ := Make(cfg, stateOf(), opts())
	if diff := cmp.Diff(p1, p2, cmpopts.IgnoreUnexported(lang.Send{})); diff != "" {
		t.Errorf("two plans of the same inputs differ (-first +second):\n%s", diff)
	}
}

func TestMakeReplaceErrors(t *testing.T) {
	crashed := push("crashed", user, "Oops")
	cfg := &lang.Config{Sends: []*lang.Send{push("welcome", user, "hi"), crashed}}
	st := stateOf(pending(crashed, time.Hour))
	_, diags := Make(cfg, st, Options{Now: func() time.Time { return now }, NewKey: keys(),
		Replace: []string{"push.welcom", "push.crashed"}})
	type diag struct {
		Severity hcl.DiagnosticSeverity
		Summary  string
		Detail   string
		Subject  *hcl.Range
	}
	var got []diag
	for _, d := range diags {
		got = append(got, diag{Severity: d.Severity, Summary: d.Summary, Detail: d.Detail, Subject: d.Subject})
	}
	decl := rng(1)
	want := []diag{
		{Severity: hcl.DiagError, Summary: "Unknown address in -replace",
			Detail: "-replace=push.welcom names no send in the configuration; give the address of a send, " +
				"such as push.welcome. Did you mean push.welcome?"},
		{Severity: hcl.DiagWarning, Summary: "Unresolved send not replaced", Subject: &decl,
			Detail: "-replace=push.crashed was ignored: an earlier attempt may have been accepted, so apply " +
				"retries it with its retry key instead of sending it again with a new one."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestSummary(t *testing.T) {
	p := &Plan{Changes: []*Change{
		{Action: Send, Estimate: 1},
		{Action: Send, Estimate: -1},
		{Action: Send, Estimate: 2},
		{Action: NoOp},
		{Action: Changed},
		{Action: Forget},
		{Action: Unresolved, Estimate: 1},
	}}
	want := Summary{Send: 3, Changed: 1, Forget: 1, Unresolved: 1, Unchanged: 1, Estimate: 4, Uncounted: 1}
	if diff := cmp.Diff(want, p.Summary()); diff != "" {
		t.Errorf("Summary (-want +got):\n%s", diff)
	}
	if (&Plan{Changes: []*Change{{Action: NoOp}}}).Summary().Empty() != true {
		t.Errorf("a plan of no-ops is not Empty")
	}
}
