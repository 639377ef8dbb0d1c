package planner

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// savedFixture is a plan with every action, a sensitive text and a value
// known only after apply.
func savedFixture() *Saved {
	secret := push("coupon", user, "code SAVE-SECRET")
	secret.Sensitive = map[string]bool{"messages[0].text": true}
	quoting := push("thanks", user, "Thanks")
	quoting.Body["messages"].([]any)[0].(map[string]any)["quoteToken"] = lang.Unknown{Ref: "push.coupon.sent[0].quote_token"}
	quoting.DependsOn = []string{"push.coupon"}
	changed := push("answer", user, "Yes")
	crashed := push("crashed", user, "Oops")
	p := &Plan{Lineage: "5f0c1a2b-0000-4000-8000-000000000000", Serial: 7, Now: now, Changes: []*Change{
		{Address: "push.coupon", Action: Send, Send: secret, Digest: Digest(secret.Body), RetryKey: "key-1", Estimate: 1},
		{Address: "push.thanks", Action: Send, Send: quoting, RetryKey: "key-2", Estimate: 1},
		{Address: "push.answer", Action: Changed, Send: changed, Digest: Digest(changed.Body), Reason: "changed",
			Prior: sent(changed)},
		{Address: "push.crashed", Action: Unresolved, Send: crashed, Digest: Digest(crashed.Body), RetryKey: "pending-key",
			KeyExpires: now.Add(time.Hour), Estimate: 1, Prior: pending(crashed, 23*time.Hour)},
		{Address: "push.old", Action: Forget, Reason: "gone", Prior: &state.Record{Address: "push.old", Status: state.Sent}},
	}}
	return &Saved{ID: "plan-1", ConfigHash: "sha256:00ff", Replace: []string{"push.x"}, Plan: p}
}

func TestSavedRoundTrip(t *testing.T) {
	sp := savedFixture()
	data, err := sp.Encode()
	require.NoError(t, err)
	if bytes.Contains(data, []byte("SAVE-SECRET")) {
		t.Fatalf("the plan file holds a sensitive value:\n%s", data)
	}
	got, err := ReadSaved(bytes.NewReader(data))
	require.NoError(t, err)
	if got.ID != "plan-1" || got.ConfigHash != "sha256:00ff" || !cmp.Equal(got.Replace, []string{"push.x"}) {
		t.Errorf("read ID %q, hash %q, replace %v", got.ID, got.ConfigHash, got.Replace)
	}
	want := sp.Plan
	if got.Plan.Lineage != want.Lineage || got.Plan.Serial != want.Serial || !got.Plan.Now.Equal(want.Now) {
		t.Errorf("read state %s/%d at %s", got.Plan.Lineage, got.Plan.Serial, got.Plan.Now)
	}
	require.Len(t, got.Plan.Changes, len(want.Changes))
	for i, ch := range got.Plan.Changes {
		w := want.Changes[i]
		if ch.Address != w.Address || ch.Action != w.Action || ch.Digest != w.Digest || ch.RetryKey != w.RetryKey ||
			ch.Estimate != w.Estimate || !ch.KeyExpires.Equal(w.KeyExpires) {
			t.Errorf("change %d = %+v, want %+v", i, ch, w)
		}
	}
	coupon := got.Plan.Changes[0].Send
	if text := coupon.Body["messages"].([]any)[0].(map[string]any)["text"]; text != nil {
		t.Errorf("sensitive text read back as %v, want null", text)
	}
	if !coupon.Sensitive["messages[0].text"] {
		t.Errorf("Sensitive = %v, want messages[0].text", coupon.Sensitive)
	}
	qt := got.Plan.Changes[1].Send.Body["messages"].([]any)[0].(map[string]any)["quoteToken"]
	if diff := cmp.Diff(lang.Unknown{Ref: "push.coupon.sent[0].quote_token"}, qt); diff != "" {
		t.Errorf("unknown value (-want +got):\n%s", diff)
	}
	if got.Plan.Changes[4].Send != nil {
		t.Errorf("a forget has a send")
	}
	again, err := got.Encode()
	require.NoError(t, err)
	if diff := cmp.Diff(string(data), string(again)); diff != "" {
		t.Errorf("encoding what was read differs (-first +second):\n%s", diff)
	}
}

func TestReadSavedRefuses(t *testing.T) {
	tests := []struct{ in, want string }{
		{`[1]`, "not a saved plan: it is not a JSON object"},
		{`{"version": 1, "lineage": "x"}`, `not a saved plan: it is a state file ("version" but no "format_version")`},
		{`{"plan_id": "x"}`, `not a saved plan: it has no "format_version"`},
		{`{"format_version": 1}`, `saved plan "format_version" must be a string such as "1", not 1`},
		{`{"format_version": "2.0"}`, `saved plan format version "2.0" is newer than this lineup reads ("1")`},
		{`{"format_version": "0.9"}`, `saved plan format version "0.9" is not one this lineup reads (it reads "1")`},
		{`{"format_version": "1", "plan_id": "p", "config_hash": "sha256:0", "extra": 1}`, `unknown field "extra"`},
		{`{"format_version": "1", "config_hash": "sha256:0"}`, `saved plan has no "plan_id"`},
		{`{"format_version": "1", "plan_id": "p", "config_hash": "sha256:0", "changes": [{"address": "push.a", "action": "explode"}]}`,
			`saved plan changes[0]: action "explode" is not one of`},
		{`{"format_version": "1", "plan_id": "p", "config_hash": "sha256:0", "changes": [{"address": "push.a", "action": "send"}]}`,
			`saved plan changes[0]: push.a is to be sent but has no retry_key`},
	}
	for _, tt := range tests {
		_, err := ReadSaved(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadSaved(%s) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestCheckState(t *testing.T) {
	sp := savedFixture()
	lineage := sp.Plan.Lineage
	fresh := &Saved{Plan: &Plan{Lineage: "random", Serial: 0}}
	tests := []struct {
		name string
		sp   *Saved
		st   *state.State
		want string // "" for no error
	}{
		{"same", sp, &state.State{Lineage: lineage, Serial: 7}, ""},
		{"moved", sp, &state.State{Lineage: lineage, Serial: 9}, "made against serial 7 of the state, which is now at serial 9"},
		{"replaced", sp, &state.State{Lineage: "other", Serial: 7}, "it was replaced by another state"},
		{"deleted", sp, &state.State{Lineage: "new", Serial: 0}, "there is no state file now"},
		{"still none", fresh, &state.State{Lineage: "another random", Serial: 0}, ""},
		{"applied", fresh, &state.State{Lineage: "x", Serial: 2}, "made before anything was applied, and the state is now at serial 2"},
	}
	for _, tt := range tests {
		err := tt.sp.CheckState(tt.st)
		var stale *StaleError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (!errors.As(err, &stale) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want a StaleError containing %q", tt.name, err, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	remade := func() *Plan {
		p := savedFixture().Plan
		for _, ch := range p.Changes {
			if ch.Action == Send {
				ch.RetryKey = ""
			}
		}
		return p
	}
	sp := savedFixture()
	p := remade()
	require.NoError(t, sp.Match(p))
	if p.Changes[0].RetryKey != "key-1" || p.Changes[1].RetryKey != "key-2" {
		t.Errorf("retry keys after Match: %q, %q; want the saved ones", p.Changes[0].RetryKey, p.Changes[1].RetryKey)
	}
	tests := []struct {
		name   string
		change func(p *Plan) *Plan
		want   string
	}{
		{"digest", func(p *Plan) *Plan { p.Changes[0].Digest = "other"; return p }, "the payload of push.coupon changed"},
		{"action", func(p *Plan) *Plan { p.Changes[2].Action = NoOp; return p }, `push.answer was planned as "changed" and would now be "no-op"`},
		{"removed", func(p *Plan) *Plan { p.Changes = p.Changes[:4]; return p }, "push.old is in the plan but no longer in the configuration"},
		{"added", func(p *Plan) *Plan {
			p.Changes = append(p.Changes, &Change{Address: "push.new", Action: Send})
			return p
		}, "push.new is in the configuration but not in the plan"},
		{"order", func(p *Plan) *Plan {
			p.Changes[0], p.Changes[1] = p.Changes[1], p.Changes[0]
			return p
		}, "the plan has push.coupon where the configuration now gives push.thanks"},
	}
	for _, tt := range tests {
		p := tt.change(remade())
		err := sp.Match(p)
		var mismatch *MismatchError
		if !errors.As(err, &mismatch) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want a MismatchError containing %q", tt.name, err, tt.want)
		}
		for _, ch := range p.Changes {
			if ch.Action == Send && ch.RetryKey != "" {
				t.Errorf("%s: a failed Match gave %s a retry key", tt.name, ch.Address)
			}
		}
	}
}

func TestConfigHash(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	write("main.lineup.hcl", `variable "who" {
  type = string
}
push "a" {
  to = var.who
  text {
    text = "Hi"
  }
}
`)
	write("notes.txt", "not configuration")
	hash := func(opts lang.Options) string {
		cfg, diags := lang.Load(dir, opts)
		require.False(t, diags.HasErrors(), diags.Error())
		return ConfigHash(cfg)
	}
	base := hash(lang.Options{Vars: []string{"who=" + user}})
	if !strings.HasPrefix(base, "sha256:") {
		t.Errorf("hash %q does not start with sha256:", base)
	}
	if got := hash(lang.Options{Env: []string{"LINEUP_VAR_who=" + user}}); got != base {
		t.Errorf("the same value from the environment gives another hash")
	}
	if got := hash(lang.Options{Vars: []string{"who=" + group}}); got == base {
		t.Errorf("another input value gives the same hash")
	}
	write("notes.txt", "changed, but not configuration")
	if got := hash(lang.Options{Vars: []string{"who=" + user}}); got != base {
		t.Errorf("a file that is not configuration changed the hash")
	}
	write("more.lineup.hcl", "# a comment is a change too\n")
	if got := hash(lang.Options{Vars: []string{"who=" + user}}); got == base {
		t.Errorf("a new configuration file gives the same hash")
	}
}

// FuzzReadSaved: ReadSaved never panics, and what it reads encodes again.
func FuzzReadSaved(f *testing.F) {
	data, err := savedFixture().Encode()
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte(`{"format_version": "1", "plan_id": "p", "config_hash": "sha256:0", "changes": [null]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		sp, err := ReadSaved(bytes.NewReader(in))
		if err != nil {
			return
		}
		if _, err := sp.Encode(); err != nil {
			t.Errorf("a plan read back does not encode: %v", err)
		}
	})
}
