package planner

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/lang"
)

// A target brings what it depends on, transitively, and nothing else; a
// target only the state knows plans its forget.
func TestTargets(t *testing.T) {
	a, b, c, other := push("a", user, "1"), push("b", user, "2"), push("c", user, "3"), push("other", user, "4")
	b.DependsOn = []string{"push.a"}
	c.DependsOn = []string{"push.b"}
	gone := push("gone", user, "5")
	cfg := &lang.Config{Sends: []*lang.Send{a, b, c, other}}
	st := stateOf(sent(gone))
	plan := func(targets ...string) []string {
		p, diags := Make(cfg, st, Options{Now: func() time.Time { return now }, NewKey: keys(), Targets: targets})
		if diags.HasErrors() {
			t.Fatalf("Make: %s", diags.Error())
		}
		var addrs []string
		for _, ch := range p.Changes {
			addrs = append(addrs, ch.Address)
		}
		return addrs
	}
	for _, tc := range []struct {
		targets []string
		want    []string
	}{
		{targets: []string{"push.c"}, want: []string{"push.a", "push.b", "push.c"}},
		{targets: []string{"push.a"}, want: []string{"push.a"}},
		{targets: []string{"push.other", "push.gone"}, want: []string{"push.other", "push.gone"}},
		{targets: nil, want: []string{"push.a", "push.b", "push.c", "push.other", "push.gone"}},
	} {
		if diff := cmp.Diff(tc.want, plan(tc.targets...)); diff != "" {
			t.Errorf("-target=%v (-want +got):\n%s", tc.targets, diff)
		}
	}
	_, diags := Make(cfg, st, Options{Now: func() time.Time { return now }, NewKey: keys(), Targets: []string{"push.ohter"}})
	if !diags.HasErrors() || diags[0].Summary != "Unknown address in -target" {
		t.Fatalf("an unknown target: got %v", diags)
	}
	if want := "-target=push.ohter names nothing in the configuration or the state; give the address of a send, " +
		"an audience or a reply rule, such as push.welcome. Did you mean push.other?"; diags[0].Detail != want {
		t.Errorf("detail:\n got %s\nwant %s", diags[0].Detail, want)
	}
}
