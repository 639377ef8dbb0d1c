package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// allFriends is a plan with sends to every friend (a broadcast and a
// narrowcast without recipient), a filtered narrowcast, a multicast, and a
// push whose recipient and text are sensitive.
func allFriends() *planner.Plan {
	text := func(s string) []any { return []any{map[string]any{"type": "text", "text": s}} }
	secret := push("coupon", map[string]any{"to": "U0000secret0000", "messages": []any{
		map[string]any{"type": "text", "text": "Your code: SAVE-SECRET", "quickReply": map[string]any{"items": []any{}}},
	}})
	secret.Sensitive = map[string]bool{"to": true, "messages[0].text": true}
	return &planner.Plan{Now: now, Changes: []*planner.Change{
		{Address: "broadcast.sale", Action: planner.Send, RetryKey: "k1", Estimate: -1,
			Send: &lang.Send{Kind: lang.KindBroadcast, Name: "sale", Body: map[string]any{"messages": text("Sale | today `only`")}}},
		{Address: "narrowcast.everyone", Action: planner.Send, RetryKey: "k2", Estimate: -1,
			Send: &lang.Send{Kind: lang.KindNarrowcast, Name: "everyone", Body: map[string]any{"messages": text("Hi all")}}},
		{Address: "narrowcast.tokyo", Action: planner.Send, RetryKey: "k3", Estimate: -1,
			Send: &lang.Send{Kind: lang.KindNarrowcast, Name: "tokyo", Body: map[string]any{"messages": text("Hi Tokyo"),
				"recipient": map[string]any{"type": "audience", "audienceGroupId": float64(4389303728991)}}}},
		{Address: "multicast.team", Action: planner.Send, RetryKey: "k4", Estimate: 2,
			Send: &lang.Send{Kind: lang.KindMulticast, Name: "team", Body: map[string]any{"to": []any{user, "U5bf5980629a1b2c3d4e5f60718293a4b"},
				"messages": text("Meeting at 10")}}},
		{Address: "push.coupon", Action: planner.Send, RetryKey: "k5", Estimate: 1, Send: secret},
	}}
}

// large is a plan of n pushes.
func large(n int) *planner.Plan {
	p := &planner.Plan{Now: now}
	for i := range n {
		name := fmt.Sprintf("notice_%04d", i)
		p.Changes = append(p.Changes, &planner.Change{Address: "push." + name, Action: planner.Send,
			Send:     textPush(name, user, fmt.Sprintf("Notice number %d: the cafe opens at 9 tomorrow.", i)),
			RetryKey: fmt.Sprintf("k%d", i), Estimate: 1})
	}
	return p
}

// renderCases are the plans every renderer's goldens cover.
func renderCases() []struct {
	name string
	plan *planner.Plan
} {
	return []struct {
		name string
		plan *planner.Plan
	}{
		{name: "empty", plan: &planner.Plan{Now: now}},
		{name: "unchanged", plan: &planner.Plan{Now: now, Changes: []*planner.Change{
			{Address: "push.a", Action: planner.NoOp, Send: textPush("a", user, "a")},
			{Address: "push.b", Action: planner.NoOp, Send: textPush("b", user, "b")},
		}}},
		{name: "sends_only", plan: sendsOnly()},
		{name: "every_action", plan: everyAction()},
		{name: "all_friends", plan: allFriends()},
		{name: "large", plan: large(40)},
	}
}

func TestMarkdown(t *testing.T) {
	for _, tt := range renderCases() {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			opts := MarkdownOptions{}
			if tt.name == "large" {
				opts.Limit = 2500 // cut: a part of the table, and the details
			}
			require.NoError(t, Markdown(&buf, tt.plan, opts))
			golden(t, filepath.Join("testdata", tt.name, "plan.md"), buf.String())
		})
	}
}

// TestHumanMore covers the plans of renderCases the human goldens of
// TestHuman do not.
func TestHumanMore(t *testing.T) {
	for _, tt := range renderCases() {
		if tt.name != "all_friends" && tt.name != "large" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Human(&buf, tt.plan, HumanOptions{}))
			golden(t, filepath.Join("testdata", tt.name, "plan.txt"), buf.String())
		})
	}
}

func TestMarkdownLargePlanIsCut(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Markdown(&buf, large(5000), MarkdownOptions{}))
	out := buf.String()
	if len(out) > MarkdownLimit {
		t.Errorf("markdown of 5,000 sends is %d bytes; want at most %d", len(out), MarkdownLimit)
	}
	for _, want := range []string{
		MarkdownMarker + "\n",
		"**Plan: 5,000 to send, 0 to create, 0 to update, 0 to replace, 0 to delete, 0 to forget. Estimated messages: 5,000.**",
		"more changes not listed, to keep this comment under 65,000 characters",
		"| `+` | `push.notice_0000` | send |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown of 5,000 sends lacks %q", want)
		}
	}
}

func TestMarkdownWarnsOnce(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Markdown(&buf, allFriends(), MarkdownOptions{}))
	out := buf.String()
	if n := strings.Count(out, "[!CAUTION]"); n != 1 {
		t.Errorf("%d caution blocks; want 1", n)
	}
	if strings.Contains(out, "SAVE-SECRET") || strings.Contains(out, "U0000secret0000") {
		t.Errorf("markdown shows a sensitive value:\n%s", out)
	}
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"push.a": "`push.a`",
		"a|b":    "`a\\|b`",
		"x`y":    "``x`y``",
		"`x":     "`` `x ``",
	} {
		if got := code(in); got != want {
			t.Errorf("code(%q) = %q, want %q", in, got, want)
		}
	}
}

// golden compares got with the file at path, or writes it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./planner/render -update to create it")
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// TestMarkdownNarrowcastProgress: a narrowcast still being delivered, or
// whose delivery failed, is said in the comment as in the human plan.
func TestMarkdownNarrowcastProgress(t *testing.T) {
	failed := castsPlan()
	failed.Changes[0].Reason = "AUDIENCE_GROUP_NOT_FOUND"
	failed.Changes[0].Prior.Progress = &state.Progress{Phase: "failed", FailedDescription: "AUDIENCE_GROUP_NOT_FOUND"}
	for name, p := range map[string]*planner.Plan{"in_progress": inProgressOnly(), "failed_delivery": failed} {
		t.Run(name, func(t *testing.T) {
			var md, txt bytes.Buffer
			require.NoError(t, Markdown(&md, p, MarkdownOptions{Dir: "campaigns/autumn", Commit: "4f2a9c1e7b3d"}))
			require.NoError(t, Human(&txt, p, HumanOptions{}))
			golden(t, filepath.Join("testdata", name, "plan.md"), md.String())
			// The human plan's note, without its "# ", is in the comment.
			for _, line := range strings.Split(txt.String(), "\n") {
				note, ok := strings.CutPrefix(strings.TrimSpace(line), "# narrowcast.autumn_sale ")
				if ok && !strings.Contains(md.String(), "`narrowcast.autumn_sale` "+note) {
					t.Errorf("the comment lacks the human plan's note %q:\n%s", note, md.String())
				}
			}
		})
	}
}

func TestMarkdownSaysWhatWasPlanned(t *testing.T) {
	for _, tt := range []struct {
		opts MarkdownOptions
		want string
	}{
		{MarkdownOptions{Dir: "examples/quickstart", Commit: "4f2a9c1e7b3d"}, "Planned from `examples/quickstart` at commit `4f2a9c1e7b3d`.\n"},
		{MarkdownOptions{Dir: "."}, "Planned from `.`.\n"},
		{MarkdownOptions{Commit: "4f2a9c1e7b3d"}, "Planned at commit `4f2a9c1e7b3d`.\n"},
	} {
		var buf bytes.Buffer
		require.NoError(t, Markdown(&buf, sendsOnly(), tt.opts))
		require.Contains(t, buf.String(), "### lineup plan\n\n"+tt.want)
	}
	var buf bytes.Buffer
	require.NoError(t, Markdown(&buf, sendsOnly(), MarkdownOptions{}))
	require.NotContains(t, buf.String(), "Planned")
}

func TestDiffMarkers(t *testing.T) {
	in := "  # push.a will be sent\n  + push \"a\" {\n      + to = \"U1\"\n    }\n  ! push \"b\" {\n        text = \"-1\"\n  - audience \"x\" {\n  ? push \"c\" {"
	want := "  # push.a will be sent\n+   push \"a\" {\n+       to = \"U1\"\n    }\n!   push \"b\" {\n        text = \"-1\"\n-   audience \"x\" {\n  ? push \"c\" {"
	require.Equal(t, want, diffMarkers(in))
}

func TestMarkdownFailed(t *testing.T) {
	var buf bytes.Buffer
	errs := "Error: Unsupported argument\n\n  on welcome.lineup.hcl line 3:\n   3:   txet = \"Hello ```\"\n"
	require.NoError(t, MarkdownFailed(&buf, errs, MarkdownOptions{Dir: "examples/quickstart", Commit: "4f2a9c1e7b3d"}))
	golden(t, filepath.Join("testdata", "failed", "plan.md"), buf.String())
	require.True(t, strings.HasPrefix(buf.String(), MarkdownMarker+"\n"), "the marker opens the comment")
	require.Contains(t, buf.String(), "````text\n"+errs+"````\n", "the errors sit in a fence longer than their own backticks")
}
