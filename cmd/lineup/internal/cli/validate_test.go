package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// validateConfigs lists the configurations validate is run on: every
// example, every case of planner/testdata/invalid (a file, copied alone
// to its own folder, or a folder of several files) and every other
// configuration under planner/testdata and lang/testdata (a folder of
// files is one configuration there).
func validateConfigs(t *testing.T) map[string]string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, top := range []string{"examples", "planner/testdata", "lang/testdata"} {
		base := filepath.Join(root, top)
		err = filepath.WalkDir(base, func(path string, d os.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return err
			}
			files, _ := filepath.Glob(filepath.Join(path, "*.lineup.hcl"))
			if len(files) == 0 {
				return nil
			}
			name, _ := filepath.Rel(root, path)
			if _, err := os.Stat(filepath.Join(path, "case")); err == nil || !strings.HasPrefix(name, "planner/testdata/invalid") {
				out[name] = path
				return nil
			}
			// A folder of invalid cases, one a file.
			for _, f := range files {
				dir := t.TempDir()
				src, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), src, 0o644); err != nil {
					return err
				}
				out[filepath.Join(name, strings.TrimSuffix(filepath.Base(f), ".lineup.hcl"))] = dir
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	out["lang/testdata/inbox with its inbox"] = withInbox(t, filepath.Join(root, "lang/testdata/inbox"))
	return out
}

// withInbox copies the configuration in dir (lang/testdata/inbox) to a
// folder of its own, with the inbox it names holding the message its
// push quotes.
func withInbox(t *testing.T, dir string) string {
	t.Helper()
	out := t.TempDir()
	src, err := os.ReadFile(filepath.Join(dir, "main.lineup.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "main.lineup.hcl"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(out, "webhook"), 0o755); err != nil {
		t.Fatal(err)
	}
	rec := `{"kind":"message","id":"500000000000000001","type":"text","quote_token":"q-500","chat_type":"user",` +
		`"chat":"U0123456789abcdef0123456789abcdef","user_id":"U0123456789abcdef0123456789abcdef",` +
		`"text":"A table for two at seven?","timestamp":1775034000000,"received_at":"2026-04-01T09:00:00Z"}` + "\n"
	if err := os.WriteFile(filepath.Join(out, "webhook", "inbox.jsonl"), []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// validateResult is what the two forms of validate must agree on.
type validateResult struct {
	Code     int
	Valid    bool
	Errors   []string // summaries, in order
	Warnings []string
	// hiddenErrors and hiddenWarnings are what the text form left out
	// past its cap on diagnostics, which the JSON form does not have.
	hiddenErrors, hiddenWarnings int
}

var diagLine = regexp.MustCompile(`(?m)^(Error|Warning): (.*)$`)

// hiddenLine is the text form's count of the diagnostics past its cap.
var hiddenLine = regexp.MustCompile(`(?m)^\.\.\. and \d+ more diagnostics \((\d+) errors, (\d+) warnings\) not shown`)

// shownOf is r, a result of validate -json, as the text form shows it
// when it hides hiddenErrors and hiddenWarnings past its cap: the first
// of each, in order, as the shown diagnostics are the first ones.
func shownOf(r validateResult, hiddenErrors, hiddenWarnings int) validateResult {
	r.Errors = r.Errors[:max(0, len(r.Errors)-hiddenErrors)]
	r.Warnings = r.Warnings[:max(0, len(r.Warnings)-hiddenWarnings)]
	return r
}

// hidden are the counts of errors and warnings the text form did not
// show (validate's cap), from its stderr.
func hidden(stderr string) (errs, warnings int) {
	if m := hiddenLine.FindStringSubmatch(stderr); m != nil {
		errs, _ = strconv.Atoi(m[1])
		warnings, _ = strconv.Atoi(m[2])
	}
	return errs, warnings
}

// runValidateIn runs lineup validate in dir, with -json when asJSON, and
// reads its result from what it printed.
func runValidateIn(t *testing.T, dir string, asJSON bool) validateResult {
	t.Helper()
	args := []string{"-chdir=" + dir, "validate"}
	if asJSON {
		args = append(args, "-json")
	}
	var out, errs bytes.Buffer
	code := Run(context.Background(), args, Streams{Out: &out, Err: &errs,
		Now: func() time.Time { return time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC) }})
	r := validateResult{Code: code}
	if !asJSON {
		r.hiddenErrors, r.hiddenWarnings = hidden(errs.String())
		r.Valid = strings.HasPrefix(out.String(), "Success! ")
		for _, m := range diagLine.FindAllStringSubmatch(errs.String(), -1) {
			if m[1] == "Error" {
				r.Errors = append(r.Errors, m[2])
			} else {
				r.Warnings = append(r.Warnings, m[2])
			}
		}
		return r
	}
	var doc validateOutput
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("validate -json printed no JSON (%v):\n%s\n%s", err, out.String(), errs.String())
	}
	r.Valid = doc.Valid
	for _, d := range doc.Diagnostics {
		if d.Severity == "error" {
			r.Errors = append(r.Errors, d.Summary)
		} else {
			r.Warnings = append(r.Warnings, d.Summary)
		}
	}
	if doc.ErrorCount != len(r.Errors) || doc.WarningCount != len(r.Warnings) {
		t.Errorf("error_count %d and warning_count %d, but %d errors and %d warnings listed",
			doc.ErrorCount, doc.WarningCount, len(r.Errors), len(r.Warnings))
	}
	return r
}

// validate and validate -json agree on every example and every test
// configuration: both valid or both not, with the same errors and
// warnings in the same order; the exit code is 0 exactly when valid.
func TestValidateFormsAgree(t *testing.T) {
	configs := validateConfigs(t)
	t.Chdir(".") // Run moves to each folder (-chdir); this goes back at the end
	if len(configs) < 150 {
		t.Fatalf("only %d configurations found", len(configs))
	}
	valid, invalid := 0, 0
	for name, dir := range configs {
		t.Run(name, func(t *testing.T) {
			text := runValidateIn(t, dir, false)
			asJSON := runValidateIn(t, dir, true)
			shown := shownOf(asJSON, text.hiddenErrors, text.hiddenWarnings)
			if diff := cmp.Diff(text, shown, cmp.AllowUnexported(validateResult{}), cmpopts.IgnoreFields(validateResult{}, "hiddenErrors", "hiddenWarnings")); diff != "" {
				t.Errorf("validate (-) and validate -json (+) disagree:\n%s", diff)
			}
			if text.Valid != (text.Code == 0) || text.Valid != (len(text.Errors)+text.hiddenErrors == 0) {
				t.Errorf("valid %v with exit code %d and %d errors", text.Valid, text.Code, len(text.Errors))
			}
			if strings.HasPrefix(name, "planner/testdata/invalid") && text.Valid {
				t.Errorf("an invalid case is valid")
			}
			if text.Valid {
				valid++
			} else {
				invalid++
			}
		})
	}
	if valid == 0 || invalid == 0 {
		t.Errorf("%d valid and %d invalid configurations: the test needs both", valid, invalid)
	}
}
