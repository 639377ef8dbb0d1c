package lang

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

var (
	errorComment = regexp.MustCompile(`#\s*ERROR:\s*(.+?)\s*$`)
	varComment   = regexp.MustCompile(`^#\s*-var\s+(\S+)\s*$`)
)

// TestInvalid loads every case of testdata/invalid (a file, or a directory
// for cases of several files) and compares its error diagnostics with the
// "# ERROR: <summary>" comments on the lines they must point at. A line
// "# -var NAME=VALUE" passes that -var option.
func TestInvalid(t *testing.T) {
	entries, err := os.ReadDir("testdata/invalid")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(strings.TrimSuffix(e.Name(), ".lineup.hcl"), func(t *testing.T) {
			dir := filepath.Join("testdata/invalid", e.Name())
			if !e.IsDir() {
				dir = t.TempDir()
				copyFile(t, filepath.Join("testdata/invalid", e.Name()), filepath.Join(dir, e.Name()))
			}
			want, opts := readExpectations(t, dir)
			_, diags := Load(dir, opts)
			got := map[string]string{}
			for _, d := range diags {
				if d.Severity != hcl.DiagError {
					continue
				}
				if d.Subject == nil || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
					t.Errorf("diagnostic without a place: %s", d)
					continue
				}
				key := filepath.Base(d.Subject.Filename) + ":" + strconv.Itoa(d.Subject.Start.Line)
				if got[key] != "" {
					got[key] += " AND "
				}
				got[key] += d.Summary
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s\nall diagnostics:\n%s", diff, diags.Error())
			}
			requireFileLineOrder(t, diags)
		})
	}
}

// requireFileLineOrder fails unless diags come in file, then line order.
func requireFileLineOrder(t *testing.T, diags hcl.Diagnostics) {
	t.Helper()
	for i := 1; i < len(diags); i++ {
		a, b := diags[i-1].Subject, diags[i].Subject
		if a == nil || b == nil {
			continue
		}
		if a.Filename > b.Filename || a.Filename == b.Filename && a.Start.Line > b.Start.Line {
			t.Errorf("diagnostic at %s:%d comes after one at %s:%d", b.Filename, b.Start.Line, a.Filename, a.Start.Line)
		}
	}
}

// readExpectations reads the ERROR and -var comments of the files in dir.
func readExpectations(t *testing.T, dir string) (map[string]string, Options) {
	t.Helper()
	want := map[string]string{}
	var opts Options
	files, _ := filepath.Glob(filepath.Join(dir, "*.lineup.hcl"))
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if m := errorComment.FindStringSubmatch(sc.Text()); m != nil {
				want[filepath.Base(path)+":"+strconv.Itoa(line)] = m[1]
			}
			if m := varComment.FindStringSubmatch(sc.Text()); m != nil {
				opts.Vars = append(opts.Vars, m[1])
			}
		}
		f.Close()
	}
	return want, opts
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDuplicateNamesBothPlaces checks that a duplicate address names the
// first declaration too.
func TestDuplicateNamesBothPlaces(t *testing.T) {
	_, diags := Load("testdata/invalid/duplicate_push", Options{})
	if len(diags) != 1 {
		t.Fatalf("want 1 diagnostic, got %s", diags.Error())
	}
	want := "push.welcome is already declared at " + filepath.Join("testdata/invalid/duplicate_push", "a.lineup.hcl") + ":1."
	if !strings.Contains(diags[0].Detail, want) {
		t.Errorf("detail %q does not contain %q", diags[0].Detail, want)
	}
}

// An action block inside a quick reply item says where the action's
// fields go.
func TestActionInItemHint(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/invalid/action_in_quick_reply_item.lineup.hcl", filepath.Join(dir, "main.lineup.hcl"))
	_, diags := Load(dir, Options{})
	if len(diags) != 1 {
		t.Fatalf("want 1 diagnostic, got %s", diags.Error())
	}
	if want := "its fields go directly in item"; !strings.Contains(diags[0].Detail, want) {
		t.Errorf("detail %q does not contain %q", diags[0].Detail, want)
	}
}

// A push already sent whose message LINE returned no quote token for
// cannot be quoted either.
func TestQuoteOfSentMessageWithoutToken(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/invalid/quote_of_audio.lineup.hcl", filepath.Join(dir, "main.lineup.hcl"))
	_, diags := Load(dir, Options{Results: map[string]Result{"push.a": {RequestID: "r1",
		Sent: []SentMessage{{ID: "1"}, {ID: "2"}, {ID: "3", QuoteToken: "q3"}}}}})
	var details []string
	for _, d := range diags {
		details = append(details, d.Summary+": "+d.Detail)
	}
	if len(details) != 2 || !strings.Contains(details[0], "Nothing to quote: LINE returned no quote token for push.a.sent[0]") ||
		!strings.Contains(details[1], "push.a.sent[1]") {
		t.Errorf("got %q", details)
	}
}

// A user ID read with file_lines is reported at its line of the file.
func TestFileLinesErrorAtLine(t *testing.T) {
	dir := "testdata/file_lines_bad_id"
	_, diags := Load(dir, Options{})
	if len(diags) != 1 || diags[0].Subject == nil {
		t.Fatalf("want 1 diagnostic with a place, got %s", diags.Error())
	}
	got := *diags[0].Subject
	want := hcl.Range{Filename: filepath.Join(dir, "members.txt"),
		Start: hcl.Pos{Line: 4, Column: 3, Byte: 47}, End: hcl.Pos{Line: 4, Column: 17, Byte: 61}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("subject (-want +got):\n%s\n%s", diff, diags.Error())
	}
}
