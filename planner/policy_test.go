package planner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// loadPolicy loads src as a configuration.
func loadPolicy(t *testing.T, src string) *lang.Config {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, diags := lang.Load(dir, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return cfg
}

const policySrc = `
policy {
  max_estimated_messages = 3
  quiet_hours {
    from      = "21:00"
    to        = "08:00"
    time_zone = "Asia/Tokyo"
  }
  require_approval {
    kinds                   = ["broadcast"]
    estimated_messages_over = 1
  }
}
rule "tracked" {
  condition     = !strcontains(jsonencode(send.messages), "example.com/sale") || strcontains(jsonencode(send.messages), "utm_source=line")
  error_message = "Sale links must carry utm_source=line."
}
rule "short" {
  severity      = "warning"
  condition     = strlen(jsonencode(send.messages)) < 60
  error_message = "Keep it short."
}
push "tomorrow" {
  to         = "U4af4980629a1b2c3d4e5f60718293a4b"
  not_before = "2026-11-24T10:00:00Z"
  text {
    text = "hi"
  }
}
push "window" {
  to        = "U4af4980629a1b2c3d4e5f60718293a4b"
  not_after = "2026-11-23T09:00:00Z"
  text {
    text = "hi"
  }
}
multicast "sale" {
  to = ["U4af4980629a1b2c3d4e5f60718293a4b", "U4af4980629a1b2c3d4e5f60718293a4c"]
  text {
    text = "https://example.com/sale and some more words to make it long"
  }
}
`

func TestMakePolicy(t *testing.T) {
	cfg := loadPolicy(t, policySrc)
	// 10:00 UTC is 19:00 in Tokyo: not quiet.
	p, diags := Make(cfg, nil, Options{Now: func() time.Time { return now }, NewKey: keys()})
	byAddr := map[string]*Change{}
	for _, ch := range p.Changes {
		byAddr[ch.Address] = ch
	}
	tomorrow := byAddr["push.tomorrow"].Policy
	if !tomorrow.Due.Equal(time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)) || tomorrow.Held != "not_before" {
		t.Errorf("push.tomorrow: %+v", tomorrow)
	}
	if w := byAddr["push.window"]; !w.Policy.Expired || w.Estimate != 0 {
		t.Errorf("push.window: %+v, estimate %d", w.Policy, w.Estimate)
	}
	sale := byAddr["multicast.sale"].Policy
	if sale.Approval != "an estimated 2 messages, over 1" {
		t.Errorf("multicast.sale approval %q", sale.Approval)
	}
	if len(sale.Rules) != 2 || sale.Rules[0].Rule != "short" || !sale.Rules[0].Warning || sale.Rules[1].Rule != "tracked" {
		t.Errorf("multicast.sale rules %+v", sale.Rules)
	}
	saleLine := strings.Count(policySrc[:strings.Index(policySrc, "multicast \"sale\"")], "\n") + 1
	var summaries []string
	for _, d := range diags {
		sev := "error"
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		summaries = append(summaries, sev+": "+d.Summary)
		if strings.HasPrefix(d.Summary, "Rule") && (d.Subject == nil || d.Subject.Start.Line != saleLine) {
			t.Errorf("%s is not on the multicast block: %v", d.Summary, d.Subject)
		}
	}
	want := `warning: Rule "short" warns | error: Rule "tracked" failed`
	if got := strings.Join(summaries, " | "); got != want {
		t.Errorf("diagnostics:\n got %s\nwant %s", got, want)
	}
	if p.NeedApproval([]string{"multicast.sale"}) != nil || len(p.NeedApproval(nil)) != 1 {
		t.Errorf("NeedApproval: %v", p.NeedApproval(nil))
	}
}

// quietTokyo is a policy of quiet hours from 21:00 to 08:00 in Tokyo.
const quietTokyo = `
policy {
  quiet_hours {
    from      = "21:00"
    to        = "08:00"
    time_zone = "Asia/Tokyo"
  }
}
`

func TestMakeQuietHours(t *testing.T) {
	cfg := loadPolicy(t, quietTokyo+`push "late" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "hi"
  }
}
`)
	// 14:00 UTC is 23:00 in Tokyo; the window ends at 08:00 Tokyo, 23:00 UTC.
	at := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	p, diags := Make(cfg, nil, Options{Now: func() time.Time { return at }, NewKey: keys()})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	n := p.Changes[0].Policy
	if !n.Due.Equal(time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)) || n.Due.Format("15:04 MST") != "08:00 JST" {
		t.Errorf("due %s (%s)", n.Due, n.Held)
	}
	// At 08:00 Tokyo it goes at once.
	p, _ = Make(cfg, nil, Options{Now: func() time.Time { return n.Due }, NewKey: keys()})
	if d := p.Changes[0].Policy.Due; !d.IsZero() {
		t.Errorf("at the end of the window still due %s", d)
	}
}

func TestMakeBudget(t *testing.T) {
	cfg := loadPolicy(t, `
policy {
  max_estimated_messages = 2
}
multicast "three" {
  to = ["U4af4980629a1b2c3d4e5f60718293a4b", "U4af4980629a1b2c3d4e5f60718293a4c", "U4af4980629a1b2c3d4e5f60718293a4d"]
  text {
    text = "hi"
  }
}
`)
	_, diags := Make(cfg, nil, Options{Now: func() time.Time { return now }, NewKey: keys(), Quota: &Quota{Limit: 1000, Used: 999}})
	var got []string
	for _, d := range diags {
		got = append(got, d.Summary+": "+d.Detail)
		if d.Severity != hcl.DiagError || d.Subject == nil || d.Subject.Start.Line != 3 {
			t.Errorf("%s: not an error on max_estimated_messages", d.Summary)
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], "an estimated 3 messages, but the policy allows 2 in one apply") ||
		!strings.Contains(got[1], "an estimated 3 messages, but only 1 are left this month (limit 1,000, 999 used)") {
		t.Errorf("diagnostics:\n%s", strings.Join(got, "\n"))
	}
}

func TestMakeScheduledRecord(t *testing.T) {
	cfg := loadPolicy(t, `
push "later" {
  to         = "U4af4980629a1b2c3d4e5f60718293a4b"
  not_before = "2026-11-24T10:00:00Z"
  text {
    text = "hi"
  }
}
`)
	s := cfg.Sends[0]
	due := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	rec := &state.Record{Address: "push.later", Status: state.Scheduled, Digest: Digest(s.Body), Due: due}
	p, _ := Make(cfg, stateOf(rec), Options{Now: func() time.Time { return now }, NewKey: keys()})
	if ch := p.Changes[0]; ch.Action != NoOp || !ch.Policy.Due.Equal(due) {
		t.Errorf("unchanged scheduled record: %s %q", ch.Action, ch.Reason)
	}
	rec.Digest = "sha256:other"
	p, _ = Make(cfg, stateOf(rec), Options{Now: func() time.Time { return now }, NewKey: keys()})
	if ch := p.Changes[0]; ch.Action != Send || !strings.Contains(ch.Reason, "changed since") || ch.RetryKey == "" {
		t.Errorf("edited scheduled record: %s %q", ch.Action, ch.Reason)
	}
	rec.Status = state.Expired
	p, _ = Make(cfg, stateOf(rec), Options{Now: func() time.Time { return now }, NewKey: keys()})
	if ch := p.Changes[0]; ch.Action != NoOp || !ch.Policy.Expired {
		t.Errorf("expired record: %s %q", ch.Action, ch.Reason)
	}
}

func TestWhen(t *testing.T) {
	tokyo, err := lang.LoadZone("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	pol := &lang.Policy{QuietHours: &lang.QuietHours{From: 21 * 60, To: 8 * 60, Zone: tokyo, FromText: "21:00", ToText: "08:00"}}
	at := func(day, hour int) time.Time { return time.Date(2026, 12, day, hour, 0, 0, 0, tokyo) }
	send := func(nb, na time.Time) *lang.Send {
		return &lang.Send{Kind: "push", Name: "a", Schedule: lang.Schedule{NotBefore: nb, NotAfter: na}}
	}
	cases := []struct {
		name    string
		send    *lang.Send
		now     time.Time
		due     time.Time
		held    string
		expired bool
	}{
		{name: "now, outside the window", send: send(time.Time{}, time.Time{}), now: at(24, 12)},
		{name: "now, inside the window", send: send(time.Time{}, time.Time{}), now: at(24, 23), due: at(25, 8),
			held: "quiet hours 21:00-08:00 Asia/Tokyo"},
		{name: "not_before ahead", send: send(at(25, 9), time.Time{}), now: at(24, 12), due: at(25, 9), held: "not_before"},
		{name: "not_before in the window", send: send(at(24, 22), time.Time{}), now: at(24, 12), due: at(25, 8),
			held: "quiet hours 21:00-08:00 Asia/Tokyo"},
		{name: "not_before passed", send: send(at(24, 9), time.Time{}), now: at(24, 12)},
		{name: "not_after passed", send: send(time.Time{}, at(24, 12)), now: at(24, 12), expired: true},
		{name: "not_after ahead", send: send(time.Time{}, at(24, 13)), now: at(24, 12)},
	}
	for _, c := range cases {
		got := When(c.send, pol, c.now)
		if !got.Due.Equal(c.due) || got.Held != c.held || got.Expired != c.expired {
			t.Errorf("%s: When = %+v, want due %s held %q expired %v", c.name, got, c.due, c.held, c.expired)
		}
	}
}

func TestRuleConditionNotBool(t *testing.T) {
	cfg := loadPolicy(t, `
rule "count" {
  condition     = send.estimated_messages
  error_message = "x"
}
push "a" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "hi"
  }
}
push "b" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "hi"
  }
}
`)
	_, diags := Make(cfg, nil, Options{Now: func() time.Time { return now }, NewKey: keys()})
	if len(diags) != 1 || diags[0].Summary != "Invalid rule condition" || diags[0].Subject == nil || diags[0].Subject.Start.Line != 3 {
		t.Errorf("diagnostics: %s", diags.Error())
	}
}

func TestRuleMessageHidesSensitive(t *testing.T) {
	dir := t.TempDir()
	src := `
variable "coupon" {
  default   = "SECRET-42"
  sensitive = true
}
rule "shout" {
  condition     = !strcontains(jsonencode(send.messages), "SECRET")
  error_message = "Too loud: ${jsonencode(send.messages)}"
}
push "a" {
  to = "U4af4980629a1b2c3d4e5f60718293a4b"
  text {
    text = "Code ${var.coupon}"
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, diags := lang.Load(dir, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	p, diags := Make(cfg, nil, Options{Now: func() time.Time { return now }, NewKey: keys()})
	if len(diags) != 1 || strings.Contains(diags[0].Detail, "SECRET-42") || !strings.Contains(diags[0].Detail, "sensitive value") {
		t.Errorf("diagnostics: %s", diags.Error())
	}
	if r := p.Changes[0].Policy.Rules; len(r) != 1 || strings.Contains(r[0].Message, "SECRET-42") {
		t.Errorf("rule failures: %+v", r)
	}
}

func TestDue(t *testing.T) {
	cfg := loadPolicy(t, `
push "due" {
  to         = "U4af4980629a1b2c3d4e5f60718293a4b"
  not_before = "2026-11-23T09:00:00Z"
  text {
    text = "due"
  }
}
push "edited" {
  to         = "U4af4980629a1b2c3d4e5f60718293a4b"
  not_before = "2026-11-23T09:00:00Z"
  text {
    text = "edited after review"
  }
}
push "later" {
  to         = "U4af4980629a1b2c3d4e5f60718293a4b"
  not_before = "2026-11-24T09:00:00Z"
  text {
    text = "later"
  }
}
push "window" {
  to         = "U4af4980629a1b2c3d4e5f60718293a4b"
  not_before = "2026-11-23T09:00:00Z"
  not_after  = "2026-11-23T12:00:00Z"
  text {
    text = "window"
  }
}
`)
	digests := map[string]string{}
	for _, s := range cfg.Sends {
		digests[s.Address()] = Digest(s.Body)
	}
	at := func(h int) time.Time { return time.Date(2026, 11, 23, h, 0, 0, 0, time.UTC) }
	scheduled := func(addr string, due time.Time) *state.Record {
		return &state.Record{Address: addr, Status: state.Scheduled, Digest: digests[addr], Due: due}
	}
	edited := scheduled("push.edited", at(9))
	edited.Digest = Digest(map[string]any{"to": user, "messages": []any{map[string]any{"type": "text", "text": "reviewed"}}})
	window := scheduled("push.window", at(9))
	window.NotAfter = at(11) // the configuration says 12:00
	st := stateOf(scheduled("push.due", at(9)), edited, scheduled("push.later", time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)),
		scheduled("push.gone", at(9)), window,
		&state.Record{Address: "push.sent", Status: state.Sent, Digest: "d"})
	p, refused, waiting := Due(cfg, st, now, keys())
	if len(p.Changes) != 1 || p.Changes[0].Address != "push.due" || p.Changes[0].Action != Send ||
		p.Changes[0].RetryKey != "key-1" || p.Changes[0].Estimate != 1 {
		t.Errorf("changes: %+v", briefs(p))
	}
	var got []string
	for _, r := range refused {
		got = append(got, r.Address)
	}
	if strings.Join(got, " ") != "push.edited push.gone push.window" ||
		!strings.Contains(refused[0].Why, "changed after it was reviewed") ||
		!strings.Contains(refused[1].Why, "no longer in the configuration") ||
		!strings.Contains(refused[2].Why, "not_after changed") {
		t.Errorf("refused: %+v", refused)
	}
	if len(waiting) != 1 || waiting[0].Address != "push.later" {
		t.Errorf("waiting: %+v", waiting)
	}
}

func TestMakeWarnsExpiresFirst(t *testing.T) {
	cfg := loadPolicy(t, quietTokyo+`push "tonight" {
  to        = "U4af4980629a1b2c3d4e5f60718293a4b"
  not_after = "2026-11-24T00:00:00 Asia/Tokyo"
  text {
    text = "hi"
  }
}
`)
	// 14:00 UTC is 23:00 in Tokyo: held until 08:00, after its not_after.
	at := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	_, diags := Make(cfg, nil, Options{Now: func() time.Time { return at }, NewKey: keys()})
	if len(diags) != 1 || diags[0].Severity != hcl.DiagWarning || diags[0].Summary != "Send expires before it is due" ||
		diags[0].Subject.Start.Line != 11 {
		t.Errorf("diagnostics: %s", diags.Error())
	}
}
