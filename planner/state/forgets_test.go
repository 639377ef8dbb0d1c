package state

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestForgets(t *testing.T) {
	now := sample()
	older := sample()
	delete(older.Sends, "push.welcome")             // taken before it was sent
	older.Sends["narrowcast.sale"].Status = Pending // taken while it was in flight
	if diff := cmp.Diff([]string{"narrowcast.sale", "push.welcome"}, Forgets(now, older)); diff != "" {
		t.Errorf("Forgets(now, older) (-want +got):\n%s", diff)
	}
	if got := Forgets(older, now); len(got) != 0 {
		t.Errorf("Forgets(older, now) = %v, want none: now records all older does", got)
	}

	// Another state's part of a multicast, under another retry key.
	rekeyed := sample()
	rekeyed.Sends["multicast.members"].Parts[1].RetryKey = "another-key"
	if diff := cmp.Diff([]string{"multicast.members"}, Forgets(now, rekeyed)); diff != "" {
		t.Errorf("Forgets(now, rekeyed) (-want +got):\n%s", diff)
	}

	// A send forgotten since (moved to history), or a pending one sent
	// since, is kept; scheduled and expired sends sent nothing.
	later := sample()
	later.History = append(later.History, later.Sends["push.crashed"])
	delete(later.Sends, "push.crashed")
	later.Sends["multicast.members"].Parts[1].Status = Sent
	now.Sends["push.later"] = &Record{Address: "push.later", Status: Scheduled}
	if got := Forgets(now, later); len(got) != 0 {
		t.Errorf("Forgets(now, later) = %v, want none", got)
	}
}
