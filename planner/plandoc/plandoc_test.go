package plandoc

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/stretchr/testify/require"
)

// fixtureHCL has a sensitive text, a value known only after apply, a
// multicast of two requests, a push whose estimate is not known offline
// and an upload audience.
const fixtureHCL = `
variable "code" {
  type      = string
  sensitive = true
}

audience "vip" {
  description = "VIP"
  user_ids    = ["U4af4980629a1b2c3d4e5f60718293a4b", "U4af4980629a1b2c3d4e5f60718293a4c"]
}

push "coupon" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "code ${var.code}"
  }
}

push "thanks" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text        = "Thanks & <welcome>"
    quote_token = push.coupon.sent[0].quote_token
  }
}

push "group" {
  to = "C0123456789abcdef0123456789abcdef"
  sticker {
    package_id = "446"
    sticker_id = "1988"
  }
}

multicast "news" {
  to = [for i in range(600) : format("U%032x", i)]
  text {
    text = "News"
  }
}
`

const planID = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"

// fixture is a plan of fixtureHCL against no state, and that plan saved.
func fixture(t testing.TB) (*planner.Plan, *planner.Saved) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(fixtureHCL), 0o644))
	cfg, diags := lang.Load(dir, lang.Options{Vars: []string{"code=SAVE-SECRET"}})
	require.False(t, diags.HasErrors(), diags.Error())
	n := 0
	p, diags := planner.Make(cfg, nil, planner.Options{
		Now:    func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) },
		NewKey: func() string { n++; return "not-a-saved-key-" + string(rune('0'+n)) },
	})
	require.False(t, diags.HasErrors(), diags.Error())
	shown := *p
	shown.Changes = nil
	for _, ch := range p.Changes {
		c := *ch
		shown.Changes = append(shown.Changes, &c)
	}
	return &shown, planner.NewSaved(planID, cfg, p, nil)
}

func encoded(t testing.TB, d *Document) []byte {
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, d))
	return buf.Bytes()
}

func savedBytes(t testing.TB) []byte {
	_, sp := fixture(t)
	d, err := Saved(sp)
	require.NoError(t, err)
	return encoded(t, d)
}

func TestSavedRoundTrip(t *testing.T) {
	data := savedBytes(t)
	if bytes.Contains(data, []byte("SAVE-SECRET")) {
		t.Fatalf("the plan file holds a sensitive value:\n%s", data)
	}
	sp, d, err := Read(bytes.NewReader(data))
	require.NoError(t, err)
	if diff := cmp.Diff(string(data), string(encoded(t, d))); diff != "" {
		t.Errorf("the document read encodes otherwise (-file +again):\n%s", diff)
	}
	again, err := Saved(sp)
	require.NoError(t, err)
	if diff := cmp.Diff(string(data), string(encoded(t, again))); diff != "" {
		t.Errorf("the plan read saves otherwise (-file +again):\n%s", diff)
	}
	require.Equal(t, planID, sp.ID)
	byAddr := map[string]*planner.Change{}
	for _, ch := range sp.Plan.Changes {
		byAddr[ch.Address] = ch
	}
	coupon := byAddr["push.coupon"].Send
	if text := coupon.Body["messages"].([]any)[0].(map[string]any)["text"]; text != nil {
		t.Errorf("sensitive text read back as %v, want null", text)
	}
	require.True(t, coupon.Sensitive["messages[0].text"])
	qt := byAddr["push.thanks"].Send.Body["messages"].([]any)[0].(map[string]any)["quoteToken"]
	require.Equal(t, lang.Unknown{Ref: "push.coupon.sent[0].quote_token"}, qt)
	require.Equal(t, planner.RetryKeyFor(planID, "push.coupon", -1), byAddr["push.coupon"].RetryKey)
	require.Equal(t, []string{planner.RetryKeyFor(planID, "multicast.news", 0), planner.RetryKeyFor(planID, "multicast.news", 1)},
		byAddr["multicast.news"].RetryKeys)
	require.Equal(t, -1, byAddr["push.group"].Estimate)
	require.Equal(t, 2, byAddr["audience.vip"].Estimate)
}

// TestOneFormat: plan -json is the saved plan without what only a saved
// plan has, and every field has one value in both: an estimate not known
// offline is null, a sensitive value null with its path listed.
func TestOneFormat(t *testing.T) {
	p, sp := fixture(t)
	saved, err := Saved(sp)
	require.NoError(t, err)
	require.NotEmpty(t, saved.PlanDigest)
	public := New(p)
	saved.PlanID, saved.ConfigHash, saved.ConfigSources, saved.Replace, saved.PlanDigest = "", "", nil, nil, ""
	for _, c := range saved.Changes {
		c.RetryKey, c.RetryKeys = "", nil
	}
	if diff := cmp.Diff(public, saved); diff != "" {
		t.Errorf("plan -json and the saved plan differ (-json +saved):\n%s", diff)
	}
	var doc struct {
		Changes []map[string]any `json:"changes"`
	}
	require.NoError(t, json.Unmarshal(encoded(t, public), &doc))
	for _, c := range doc.Changes {
		if _, ok := c["retry_key"]; ok {
			t.Errorf("plan -json shows a retry key of %v", c["address"])
		}
		switch c["address"] {
		case "push.group":
			if v, ok := c["estimated_messages"]; !ok || v != nil {
				t.Errorf("estimated_messages of a push to a group = %v, want null", v)
			}
		case "push.coupon":
			text := c["payload"].(map[string]any)["messages"].([]any)[0].(map[string]any)["text"]
			if text != nil || !cmp.Equal(c["sensitive_paths"], []any{"messages[0].text"}) {
				t.Errorf("sensitive text shown as %v with paths %v", text, c["sensitive_paths"])
			}
		}
	}
}

// reseal gives d the digest of what it now holds, as a careful hand edit
// would.
func reseal(t *testing.T, d *Document) []byte {
	digest, err := d.Digest()
	require.NoError(t, err)
	d.PlanDigest = digest
	return encoded(t, d)
}

func TestReadRefuses(t *testing.T) {
	valid := savedBytes(t)
	edit := func(f func(d *Document)) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			var d Document
			require.NoError(t, json.Unmarshal(valid, &d))
			f(&d)
			return reseal(t, &d)
		}
	}
	raw := func(s string) func(*testing.T) []byte { return func(*testing.T) []byte { return []byte(s) } }
	find := func(d *Document, addr string) *Change {
		for _, c := range d.Changes {
			if c.Address == addr {
				return c
			}
		}
		t.Fatalf("no %s in the fixture", addr)
		return nil
	}
	tests := []struct {
		name string
		in   func(*testing.T) []byte
		want string
	}{
		{"array", raw(`[1]`), "not a saved plan: it is not a JSON object"},
		{"state", raw(`{"version": 1, "lineage": "x"}`), `not a saved plan: it is a state file ("version" but no "format_version")`},
		{"no version", raw(`{"plan_id": "x"}`), `not a saved plan: it has no "format_version"`},
		{"number", raw(`{"format_version": 2}`), `saved plan "format_version" must be a string such as "2", not 2`},
		{"newer", raw(`{"format_version": "3.0"}`), `saved plan format version "3.0" is newer than this lineup reads ("2")`},
		{"older", raw(`{"format_version": "1", "plan_id": "p"}`),
			`saved plan format version "1" was written by an older lineup; this lineup reads version "2" only`},
		{"unknown", raw(`{"format_version": "0.9"}`), `saved plan format version "0.9" is not one this lineup reads (it reads "2")`},
		{"extra field", raw(`{"format_version": "2", "extra": 1}`), `unknown field "extra"`},
		{"no digest", raw(`{"format_version": "2", "plan_id": "p"}`), `saved plan has no "plan_digest"`},
		{"edited", func(*testing.T) []byte {
			return bytes.Replace(valid, []byte(`"text": "News"`), []byte(`"text": "Newz"`), 1)
		}, "saved plan was changed after it was made: its contents give plan_digest sha256:"},
		{"digest edited", func(*testing.T) []byte {
			i := bytes.Index(valid, []byte(`"plan_digest": "sha256:`)) + len(`"plan_digest": "sha256:`)
			out := bytes.Clone(valid)
			out[i] ^= 1
			return out
		}, "saved plan was changed after it was made"},
		{"plan ID", edit(func(d *Document) { d.PlanID = "p" }), `saved plan "plan_id" "p" is not a UUID`},
		{"key not a UUID", edit(func(d *Document) { find(d, "push.coupon").RetryKey = "retry-1" }),
			`saved plan changes[2] (push.coupon): retry_key "retry-1" is not a UUID`},
		{"part key not a UUID", edit(func(d *Document) { find(d, "multicast.news").RetryKeys[1] = "" }),
			`(multicast.news): retry_keys[1] "" is not a UUID`},
		{"duplicate key", edit(func(d *Document) {
			find(d, "push.thanks").RetryKey = strings.ToUpper(find(d, "push.coupon").RetryKey)
		}), "(push.thanks): retry_key " + strings.ToUpper(planner.RetryKeyFor(planID, "push.coupon", -1)) +
			" is also a retry key of push.coupon"},
		{"action", edit(func(d *Document) { d.Changes[1].Action = "explode" }), `saved plan changes[1]: action "explode" is not one of`},
		{"no key", edit(func(d *Document) { find(d, "push.coupon").RetryKey = "" }),
			`saved plan changes[2]: push.coupon is to be sent but has no retry_key`},
		{"kind", edit(func(d *Document) { find(d, "push.coupon").Address = "fax.coupon" }),
			`saved plan changes[2]: address "fax.coupon": "fax" is not push, multicast, broadcast, narrowcast or audience`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read(bytes.NewReader(tt.in(t)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// FuzzRead: Read never panics, and what it reads saves again.
func FuzzRead(f *testing.F) {
	f.Add(savedBytes(f))
	f.Add([]byte(`{"format_version": "2", "plan_id": "p", "config_hash": "sha256:0", "changes": [null]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		sp, _, err := Read(bytes.NewReader(in))
		if err != nil {
			return
		}
		if _, err := Saved(sp); err != nil {
			t.Errorf("a plan read back does not save: %v", err)
		}
	})
}
