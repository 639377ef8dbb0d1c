package lang

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

func TestParentPath(t *testing.T) {
	got := []string{}
	for p := "messages[1].quickReply.items[0].action.label"; p != ""; p = ParentPath(p) {
		got = append(got, p)
	}
	want := []string{
		"messages[1].quickReply.items[0].action.label",
		"messages[1].quickReply.items[0].action",
		"messages[1].quickReply.items[0]",
		"messages[1].quickReply.items",
		"messages[1].quickReply",
		"messages[1]",
		"messages",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parents (-want +got):\n%s", diff)
	}
}

func TestRangeOfNearestEnclosing(t *testing.T) {
	at := func(line int) hcl.Range {
		return hcl.Range{Filename: "a.lineup.hcl", Start: hcl.Pos{Line: line, Column: 1}, End: hcl.Pos{Line: line, Column: 2}}
	}
	s := &Send{DeclRange: at(1), Ranges: map[string]hcl.Range{
		"messages":         at(2),
		"messages[0]":      at(3),
		"messages[0].text": at(4),
	}}
	for path, want := range map[string]hcl.Range{
		"messages[0].text":                at(4),
		"messages[0].quickReply.items[0]": at(3),
		"messages[1].text":                at(2),
		"to":                              at(1),
	} {
		if diff := cmp.Diff(want, s.RangeOf(path)); diff != "" {
			t.Errorf("RangeOf(%q) (-want +got):\n%s", path, diff)
		}
	}
}
