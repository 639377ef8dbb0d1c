package planner

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
)

var update = flag.Bool("update", false, "rewrite golden files")

var errorComment = regexp.MustCompile(`#\s*ERROR:\s*(.+?)\s*$`)

// TestInvalidMessages loads and plans every case of testdata/invalid (a
// file, or a directory of files, in any subfolder) as validate does:
// the language first, then, when it has no errors, LINE's rules. It
// compares the error diagnostics with the "# ERROR: <summary>" comments
// on the lines they must point at; several on one line are joined with
// " AND ".
func TestInvalidMessages(t *testing.T) {
	cases := invalidCases(t, "testdata/invalid")
	if len(cases) < 80 {
		t.Errorf("only %d invalid cases; the message rules want at least 80", len(cases))
	}
	for _, dir := range cases {
		name, _ := filepath.Rel("testdata/invalid", dir)
		t.Run(strings.TrimSuffix(name, ".lineup.hcl"), func(t *testing.T) {
			t.Parallel()
			if !strings.HasSuffix(dir, ".lineup.hcl") {
				checkInvalid(t, dir)
				return
			}
			tmp := t.TempDir()
			b, err := os.ReadFile(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(tmp, filepath.Base(dir)), b, 0o644); err != nil {
				t.Fatal(err)
			}
			checkInvalid(t, tmp)
		})
	}
}

// invalidCases lists the cases under root: each *.lineup.hcl file of a
// folder without its own files, and each folder holding *.lineup.hcl
// files together with other files (a case of several files).
func invalidCases(t *testing.T, root string) []string {
	var out []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if _, err := os.Stat(filepath.Join(path, "case")); err == nil {
			out = append(out, path)
			return filepath.SkipDir
		}
		files, _ := filepath.Glob(filepath.Join(path, "*.lineup.hcl"))
		out = append(out, files...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkInvalid validates the configuration in dir and compares.
func checkInvalid(t *testing.T, dir string) {
	t.Helper()
	want := wantErrors(t, dir)
	cfg, diags := lang.Load(dir, lang.Options{})
	if !diags.HasErrors() {
		_, d := Make(cfg, nil, Options{Now: func() time.Time { return now }, NewKey: keys()})
		diags = append(diags, d...)
	}
	byLine := map[string][]string{}
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		if d.Subject == nil || d.Subject.Start.Line < 1 {
			t.Errorf("diagnostic without a place: %s", d)
			continue
		}
		key := filepath.Base(d.Subject.Filename) + ":" + strconv.Itoa(d.Subject.Start.Line)
		byLine[key] = append(byLine[key], d.Summary)
	}
	got := map[string]string{}
	for k, v := range byLine {
		sort.Strings(v)
		got[k] = strings.Join(v, " AND ")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s\nall diagnostics:\n%s", diff, diags.Error())
	}
}

// wantErrors reads the ERROR comments of the files in dir, each line's
// summaries sorted.
func wantErrors(t *testing.T, dir string) map[string]string {
	t.Helper()
	want := map[string]string{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.lineup.hcl"))
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if m := errorComment.FindStringSubmatch(sc.Text()); m != nil {
				parts := strings.Split(m[1], " AND ")
				sort.Strings(parts)
				want[filepath.Base(path)+":"+strconv.Itoa(line)] = strings.Join(parts, " AND ")
			}
		}
		f.Close()
	}
	return want
}

// allMessagesResults are what sending push.texts of testdata/messages
// returned, so that the bodies hold no values known only after apply.
var allMessagesResults = map[string]lang.Result{"push.texts": {RequestID: "req-1", Sent: []lang.SentMessage{
	{ID: "1", QuoteToken: "q1"}, {ID: "2", QuoteToken: "q2"}, {ID: "3", QuoteToken: "q3"}, {ID: "4", QuoteToken: "q4"},
}}}

// TestAllMessages loads testdata/messages, which uses every message type
// and option, and compares the request bodies lineup would send with
// testdata/messages/bodies.golden.json (go test -update rewrites it).
func TestAllMessages(t *testing.T) {
	cfg, diags := lang.Load("testdata/messages", lang.Options{})
	if len(diags) > 0 {
		t.Fatalf("loading: %s", diags.Error())
	}
	if cfg, diags = cfg.Evaluate(allMessagesResults); len(diags) > 0 {
		t.Fatalf("evaluating with results: %s", diags.Error())
	}
	_, diags = Make(cfg, nil, Options{Now: func() time.Time { return now }, NewKey: keys()})
	if len(diags) > 0 {
		t.Fatalf("planning: %s", diags.Error())
	}
	bodies := map[string]any{}
	for _, s := range cfg.Sends {
		bodies[s.Address()] = s.Body
	}
	got, err := json.MarshalIndent(bodies, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := "testdata/messages/bodies.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("bodies (-want +got):\n%s", diff)
	}
}
