package applier_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/stretchr/testify/require"
)

// planRefusal is the detail of a plan diagnostic for a problem found by
// the rules: the send, LINE's message and the JSON path, then lineup's
// own note, if any.
var planRefusal = regexp.MustCompile(`^LINE would refuse ([a-z]+\.[^:]+): (.+) \(at ([^()]*)\)\.(?: .*)?$`)

// applyRefusal is the error of a change apply refused to send.
const applyRefusal = "not sent: LINE would refuse it: "

// TestInvalidFixturesPlanAndApply runs every fixture of
// planner/testdata/invalid through the plan path (planner.Make, as plan
// and validate do) and through the apply path (applier.Apply against the
// sandbox over HTTP, given the plan Make returns even with errors, as if
// plan's refusal had been ignored): for every send, apply refuses exactly
// the problems plan reported, in the same order, and sends what plan
// found nothing wrong with.
//
// A fixture the language refuses (a misspelt attribute, a missing file)
// gives no configuration at all: plan and apply both stop at the same
// lang.Load, so there is nothing further to compare; the test counts
// them. No fixture holds values known only after apply; should one, plan
// checks the placeholders that stand for them and apply the final values,
// so apply may find more, about the values themselves: then plan's
// problems must be among apply's. TestValueKnownAfterApplyCheckedAtApply
// shows such a body, which only apply can refuse.
func TestInvalidFixturesPlanAndApply(t *testing.T) {
	root := filepath.Join("..", "planner", "testdata", "invalid")
	var cases []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if _, err := os.Stat(filepath.Join(path, "case")); err == nil {
			cases = append(cases, path)
			return filepath.SkipDir
		}
		files, _ := filepath.Glob(filepath.Join(path, "*.lineup.hcl"))
		cases = append(cases, files...)
		return nil
	})
	require.NoError(t, err)
	_, client := sandboxClient(t)

	byLanguage, compared := 0, 0
	for _, c := range cases {
		name, _ := filepath.Rel(root, c)
		t.Run(strings.TrimSuffix(name, ".lineup.hcl"), func(t *testing.T) {
			dir := fixtureDir(t, c)
			cfg, diags := lang.Load(dir, lang.Options{})
			if diags.HasErrors() {
				byLanguage++
				return
			}
			compared++
			st := state.New()
			p, diags := planner.Make(cfg, st, planner.Options{Now: time.Now, NewKey: uuid.NewString})
			require.True(t, diags.HasErrors(), "plan found nothing wrong with an invalid fixture")
			planned := map[string][]string{} // address -> "path: message"
			for _, d := range diags {
				m := planRefusal.FindStringSubmatch(d.Detail)
				require.NotNil(t, m, "a plan error that is no rules problem: %s: %s", d.Summary, d.Detail)
				planned[m[1]] = append(planned[m[1]], m[3]+": "+m[2])
			}

			var mu sync.Mutex
			applied := map[string][]string{}
			sent := map[string]bool{}
			err := applier.Apply(context.Background(), cfg, p, st, applier.Options{
				Client: client, Backend: state.Files{Path: filepath.Join(dir, "lineup.state.json")},
				Backoff: func(int) time.Duration { return time.Millisecond },
				Report: func(ev applier.Event) {
					mu.Lock()
					defer mu.Unlock()
					switch {
					case ev.Result == applier.Sent:
						sent[ev.Address] = true
					case ev.Err != nil:
						_, refusal, ok := strings.Cut(ev.Err.Error(), applyRefusal)
						require.True(t, ok, "%s failed for another reason: %v", ev.Address, ev.Err)
						applied[ev.Address] = append(applied[ev.Address], refusal)
					}
				},
			})
			require.Error(t, err, "apply sent everything")
			for _, s := range cfg.Sends {
				addr := s.Address()
				want := strings.Join(planned[addr], "; ")
				got := strings.Join(applied[addr], "; ")
				if lang.HasUnknown(s.Body) {
					for _, p := range planned[addr] {
						require.Contains(t, got, p, "%s: apply did not refuse what plan did", addr)
					}
					continue
				}
				require.Equal(t, want, got, "%s: plan's problems and apply's", addr)
				require.Equal(t, want == "", sent[addr], "%s: sent by apply although plan refused it, or the reverse", addr)
			}
			for addr := range planned {
				require.NotNil(t, find(cfg, addr), "plan refused %s, which is no send", addr)
			}
		})
	}
	t.Logf("%d fixtures compared, %d refused by the language for plan and apply alike", compared, byLanguage)
	if compared < 80 {
		t.Errorf("only %d fixtures give a configuration to plan and apply", compared)
	}
}

// fixtureDir is the folder of a fixture: a folder case itself, or a
// file copied alone to a folder of its own.
func fixtureDir(t *testing.T, c string) string {
	t.Helper()
	if !strings.HasSuffix(c, ".lineup.hcl") {
		dir := t.TempDir()
		entries, err := os.ReadDir(c)
		require.NoError(t, err)
		for _, e := range entries {
			if e.IsDir() {
				t.Skipf("%s has folders; copy them too", c)
			}
			data, err := os.ReadFile(filepath.Join(c, e.Name()))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644))
		}
		return dir
	}
	dir := t.TempDir()
	data, err := os.ReadFile(c)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(c)), data, 0o644))
	return dir
}

func find(cfg *lang.Config, addr string) *lang.Send {
	for _, s := range cfg.Sends {
		if s.Address() == addr {
			return s
		}
	}
	return nil
}

// A value known only after apply is checked where it stands at plan, and
// its value at apply, by the same rules: a text that the request ID of
// another send takes past 5,000 UTF-16 units plans (the ID stands for a
// one-character placeholder) and is refused by apply before its request
// leaves, while the send it depends on goes out.
func TestValueKnownAfterApplyCheckedAtApply(t *testing.T) {
	sb, client := sandboxClient(t)
	dir := t.TempDir()
	src := `push "a" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "First"
  }
}

push "b" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = "` + strings.Repeat("a", 4990) + ` ${push.a.request_id}"
  }
}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(src), 0o644))
	cfg, diags := lang.Load(dir, lang.Options{})
	require.False(t, diags.HasErrors(), diags.Error())
	st := state.New()
	p, diags := planner.Make(cfg, st, planner.Options{Now: time.Now, NewKey: uuid.NewString})
	require.False(t, diags.HasErrors(), "plan: %s", diags.Error())

	err := applier.Apply(context.Background(), cfg, p, st, applier.Options{
		Client: client, Backend: state.Files{Path: filepath.Join(dir, "lineup.state.json")}})
	require.ErrorContains(t, err, "push.b: not sent: LINE would refuse it: messages[0].text: Length must be between 0 and 5000")
	require.Equal(t, state.Sent, st.Sends["push.a"].Status)
	require.NotContains(t, st.Sends, "push.b")
	pushes := 0
	for _, r := range sb.Requests() {
		if r.Path == "/v2/bot/message/push" {
			pushes++
		}
	}
	require.Equal(t, 1, pushes, "requests to push")
}

// sandboxClient starts a sandbox on loopback for the test and returns it
// with a LINE client that talks to it.
func sandboxClient(t *testing.T) (*sandbox.Server, *line.Client) {
	t.Helper()
	sb, client := serveSandbox(t, sandbox.Options{}, 5*time.Second)
	return sb, client
}
