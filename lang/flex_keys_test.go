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

var warningComment = regexp.MustCompile(`#\s*WARNING:\s*(.+?)\s*$`)

func TestFlexUnknownKeysAndJSONErrors(t *testing.T) {
	dir := "testdata/flex_keys"
	main := filepath.Join(dir, "main.lineup.hcl")
	want := map[int]string{} // line: the end of the warning's detail
	f, err := os.Open(main)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if m := warningComment.FindStringSubmatch(sc.Text()); m != nil {
			want[line] = m[1]
		}
	}
	f.Close()

	_, diags := Load(dir, Options{})
	got := map[int]string{}
	var errs hcl.Diagnostics
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs = append(errs, d)
			continue
		}
		if d.Subject.Filename != main || d.Summary != "Unknown key in flex contents" {
			t.Errorf("unexpected warning: %s", d)
			continue
		}
		line := d.Subject.Start.Line
		got[line] = want[line]
		if !strings.HasSuffix(d.Detail, want[line]) {
			got[line] = d.Detail
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if len(errs) != 1 {
		t.Fatalf("want 1 error, got %s", errs.Error())
	}
	at := errs[0].Subject
	where := at.Filename + ":" + strconv.Itoa(at.Start.Line) + "," + strconv.Itoa(at.Start.Column)
	if want := filepath.Join(dir, "flex", "broken.json") + ":7,37"; where != want {
		t.Errorf("JSON error at %s, want %s", where, want)
	}
}
