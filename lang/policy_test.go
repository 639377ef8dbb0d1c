package lang

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

func TestParseTime(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	cases := []struct {
		in   string
		want time.Time
	}{
		{in: "2026-12-24T09:00:00+09:00", want: time.Date(2026, 12, 24, 9, 0, 0, 0, tokyo)},
		{in: "2026-12-24T00:00:00Z", want: time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)},
		{in: "2026-12-24T09:00 Asia/Tokyo", want: time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)},
		// New York is on daylight saving time in July (UTC-4), not in December (UTC-5).
		{in: "2026-07-01T12:00:00 America/New_York", want: time.Date(2026, 7, 1, 16, 0, 0, 0, time.UTC)},
		{in: "2026-12-01T12:00:00 America/New_York", want: time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		got, err := ParseTime(c.in)
		if err != nil {
			t.Errorf("ParseTime(%q): %v", c.in, err)
			continue
		}
		if !got.Equal(c.want) {
			t.Errorf("ParseTime(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"2026-12-24T09:00:00", "2026-12-24 09:00 Asia/Tokyo", "2026-12-24T09:00:00 Local", "tomorrow"} {
		if _, err := ParseTime(bad); err == nil {
			t.Errorf("ParseTime(%q) gave no error", bad)
		}
	}
}

func TestQuietHours(t *testing.T) {
	tokyo, err := LoadZone("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	q := &QuietHours{From: 21 * 60, To: 8 * 60, Zone: tokyo}
	at := func(day, hour, min int) time.Time { return time.Date(2026, 12, day, hour, min, 0, 0, tokyo) }
	cases := []struct {
		t     time.Time
		quiet bool
		end   time.Time
	}{
		{t: at(24, 20, 59)},
		{t: at(24, 21, 0), quiet: true, end: at(25, 8, 0)},
		{t: at(24, 23, 0), quiet: true, end: at(25, 8, 0)},
		{t: at(25, 0, 30), quiet: true, end: at(25, 8, 0)},
		{t: at(25, 7, 59), quiet: true, end: at(25, 8, 0)},
		{t: at(25, 8, 0)},
		// 14:00 UTC is 23:00 in Tokyo.
		{t: time.Date(2026, 12, 24, 14, 0, 0, 0, time.UTC), quiet: true, end: at(25, 8, 0)},
	}
	for _, c := range cases {
		quiet, end := q.Quiet(c.t)
		if quiet != c.quiet || !end.Equal(c.end) {
			t.Errorf("Quiet(%s) = %v, %s; want %v, %s", c.t, quiet, end, c.quiet, c.end)
		}
	}
	day := &QuietHours{From: 12 * 60, To: 13 * 60, Zone: tokyo}
	if quiet, end := day.Quiet(at(24, 12, 30)); !quiet || !end.Equal(at(24, 13, 0)) {
		t.Errorf("lunch window: %v, %s", quiet, end)
	}
}

func TestPolicyAndRules(t *testing.T) {
	dir := t.TempDir()
	src := `
variable "domain" {
  default = "example.com"
}
policy {
  max_estimated_messages = 5000
  quiet_hours {
    from      = "21:00"
    to        = "08:00"
    time_zone = "Asia/Tokyo"
  }
  require_approval {
    kinds                   = ["broadcast"]
    estimated_messages_over = 100
  }
}
rule "tracked" {
  severity      = "warning"
  condition     = !strcontains(jsonencode(send.messages), "${var.domain}/sale") || strcontains(jsonencode(send.messages), "utm_source=line")
  error_message = "${send.address}: sale links must carry utm_source=line."
}
push "sale" {
  to         = "U0123456789abcdef0123456789abcdef"
  not_before = "2026-12-24T09:00:00 Asia/Tokyo"
  not_after  = "2026-12-25T00:00:00Z"
  text {
    text = "https://example.com/sale"
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, diags := Load(dir, Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	p := cfg.Policy
	if p == nil || p.MaxEstimatedMessages != 5000 || p.QuietHours.From != 21*60 || p.QuietHours.To != 8*60 ||
		p.QuietHours.Zone.String() != "Asia/Tokyo" {
		t.Fatalf("policy: %+v", p)
	}
	if diff := cmp.Diff([]string{"broadcast"}, p.RequireApproval.Kinds); diff != "" {
		t.Error(diff)
	}
	if got := p.RequireApproval.NeedsApproval("push", 1); got != "" {
		t.Errorf("a push to one user needs approval: %s", got)
	}
	if got := p.RequireApproval.NeedsApproval("multicast", 101); got == "" {
		t.Error("101 messages over 100 need no approval")
	}
	if got := p.RequireApproval.NeedsApproval("broadcast", 1); got == "" {
		t.Error("a broadcast needs no approval")
	}
	s := cfg.Sends[0]
	if !s.Schedule.NotBefore.Equal(time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)) ||
		!s.Schedule.NotAfter.Equal(time.Date(2026, 12, 25, 0, 0, 0, 0, time.UTC)) || s.Schedule.NotBeforeRange.Start.Line != 24 {
		t.Errorf("schedule: %+v", s.Schedule)
	}
	r := cfg.Rules[0]
	if r.Severity != hcl.DiagWarning {
		t.Errorf("severity %v", r.Severity)
	}
	facts := SendFacts{Kind: string(s.Kind), Address: s.Address(), Messages: s.Body["messages"], EstimatedMessages: 1}
	msg, d := r.Check(facts)
	if d.HasErrors() || msg != "push.sale: sale links must carry utm_source=line." {
		t.Errorf("Check = %q, %s", msg, d.Error())
	}
	facts.Messages = []any{map[string]any{"type": "text", "text": "https://example.com/sale?utm_source=line"}}
	if msg, _ := r.Check(facts); msg != "" {
		t.Errorf("a tracked link fails: %s", msg)
	}
	facts.Messages = []any{map[string]any{"type": "text", "text": Unknown{Ref: "push.a.sent[0].id"}}}
	if msg, _ := r.Check(facts); msg != "" {
		t.Errorf("a body not known yet fails: %s", msg)
	}
}
