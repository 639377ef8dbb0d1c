package planner

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	sp := NewSaved(planID, &lang.Config{}, p, []string{"push.x"})
	sp.ConfigHash = "sha256:00ff"
	return sp
}

const planID = "0b5e7f1c-2d3a-4b6c-8e9f-0a1b2c3d4e5f"

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
	if p.Changes[0].RetryKey != RetryKeyFor(planID, "push.coupon", -1) || p.Changes[1].RetryKey != RetryKeyFor(planID, "push.thanks", -1) {
		t.Errorf("retry keys after Match: %q, %q; want the saved ones", p.Changes[0].RetryKey, p.Changes[1].RetryKey)
	}
	if p.Changes[3].RetryKey != "pending-key" {
		t.Errorf("the unresolved send's key after Match is %q, want its pending record's", p.Changes[3].RetryKey)
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
		err := savedFixture().Match(p)
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

// TestMatchRefusesHandEdits: a saved plan whose shown payloads or retry
// keys are not what the configuration gives is refused, whatever its
// digests say.
func TestMatchRefusesHandEdits(t *testing.T) {
	const other = "U00000000000000000000000000000099"
	tests := []struct {
		name string
		edit func(sp *Saved)
		want string
	}{
		{"recipient", func(sp *Saved) { sp.Plan.Changes[0].Send.Body["to"] = other },
			`the plan shows to of push.coupon as "` + other + `", and the configuration gives "` + user + `"`},
		{"text of a send with values known after apply", func(sp *Saved) {
			sp.Plan.Changes[1].Send.Body["messages"].([]any)[0].(map[string]any)["text"] = "Thanks!"
		}, `the plan shows messages[0].text of push.thanks as "Thanks!", and the configuration gives "Thanks"`},
		{"a message added", func(sp *Saved) {
			body := sp.Plan.Changes[1].Send.Body
			body["messages"] = append(body["messages"].([]any), map[string]any{"type": "text", "text": "more"})
		}, `the plan shows messages of push.thanks as a list of 2, and the configuration gives a list of 1`},
		{"retry keys swapped", func(sp *Saved) {
			a, b := sp.Plan.Changes[0], sp.Plan.Changes[1]
			a.RetryKey, b.RetryKey = b.RetryKey, a.RetryKey
		}, "the retry key of push.coupon is not the one the plan made for it"},
		{"retry key edited", func(sp *Saved) { sp.Plan.Changes[1].RetryKey = "0b5e7f1c-2d3a-4b6c-8e9f-0a1b2c3d4e5f" },
			"the retry key of push.thanks is not the one the plan made for it"},
		{"sensitive value shown", func(sp *Saved) { sp.Plan.Changes[0].Send.Sensitive = nil },
			"the plan shows messages[0].text of push.coupon as \"code SAVE-SECRET\", and the configuration gives null"},
		{"value known after apply moved", func(sp *Saved) {
			msg := sp.Plan.Changes[1].Send.Body["messages"].([]any)[0].(map[string]any)
			msg["quoteToken"] = lang.Unknown{Ref: "push.answer.sent[0].quote_token"}
		}, "the values of push.thanks known only after apply, or its sensitive values, are not where the plan shows them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := savedFixture()
			tt.edit(sp)
			p := savedFixture().Plan
			err := sp.Match(p)
			var mismatch *MismatchError
			if !errors.As(err, &mismatch) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want a MismatchError containing %q", err, tt.want)
			}
		})
	}
}

// TestCheckStateRefusesUsedKeys: a saved plan whose fresh retry key the
// state records already (a plan ID copied from an applied plan, say) is
// refused.
func TestCheckStateRefusesUsedKeys(t *testing.T) {
	sp := savedFixture()
	key := sp.Plan.Changes[0].RetryKey
	st := &state.State{Lineage: sp.Plan.Lineage, Serial: 7, Sends: map[string]*state.Record{}}
	require.NoError(t, sp.CheckState(st))
	st.History = []*state.Record{{Address: "push.gone", RetryKey: strings.ToUpper(key)}}
	err := sp.CheckState(st)
	var mismatch *MismatchError
	if !errors.As(err, &mismatch) || !strings.Contains(err.Error(), "the retry key "+key+" of push.coupon was used before, by push.gone") {
		t.Errorf("error %v, want a MismatchError naming the key and push.gone", err)
	}
	st.History = nil
	st.Sends["multicast.old"] = &state.Record{Address: "multicast.old", Parts: []state.Part{{RetryKey: sp.Plan.Changes[1].RetryKey}}}
	if err := sp.CheckState(st); err == nil || !strings.Contains(err.Error(), "of push.thanks was used before, by multicast.old") {
		t.Errorf("a key a multicast's part used: error %v", err)
	}
}
