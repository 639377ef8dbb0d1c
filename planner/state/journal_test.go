package state

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func pending(addr string) *Record {
	return &Record{Address: addr, Status: Pending, RetryKey: "k-" + addr,
		FirstAttempt: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), Digest: "d", To: "U1"}
}

// A journal left by a killed apply is replayed by Load: the state is the
// snapshot plus every complete line.
func TestJournalReplayedAfterCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	s := New()
	j, err := OpenJournal(path, s)
	require.NoError(t, err)
	a, b := pending("push.a"), pending("push.b")
	require.NoError(t, j.Put(a, true))
	require.NoError(t, j.Put(b, true))
	sent := *a
	sent.Status, sent.RequestID = Sent, "req-a"
	require.NoError(t, j.Put(&sent, true))
	require.NoError(t, j.Drop("push.b", true))
	require.NoError(t, j.Close()) // a crash: no Fold

	got, err := Load(path)
	require.NoError(t, err)
	want := &State{Lineage: s.Lineage, Serial: 1, Sends: map[string]*Record{"push.a": &sent}, Audiences: map[string]*Audience{}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("replayed state (-want +got):\n%s", diff)
	}
}

func TestJournalTornLastLineIgnored(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	s := New()
	j, err := OpenJournal(path, s)
	require.NoError(t, err)
	require.NoError(t, j.Put(pending("push.a"), true))
	require.NoError(t, j.Close())
	f, err := os.OpenFile(JournalPath(path), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"op":"put","record":{"address":"push.b","sta`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	got, err := Load(path)
	require.NoError(t, err)
	require.Contains(t, got.Sends, "push.a")
	require.NotContains(t, got.Sends, "push.b")
}

// Once folded, the snapshot holds everything and the journal is gone; a
// journal older than the snapshot (a crash between the two steps of Fold)
// is ignored.
func TestJournalFold(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	s := New()
	j, err := OpenJournal(path, s)
	require.NoError(t, err)
	require.NoError(t, j.Put(pending("push.a"), false))
	require.NoError(t, j.Close())
	journal, err := os.ReadFile(JournalPath(path))
	require.NoError(t, err)

	s, err = Load(path)
	require.NoError(t, err)
	require.NoError(t, Fold(path, s))
	require.NoFileExists(t, JournalPath(path))
	require.NoError(t, os.WriteFile(JournalPath(path), journal, 0o600))

	got, err := Load(path)
	require.NoError(t, err)
	require.Equal(t, uint64(2), got.Serial)
	require.Len(t, got.Sends, 1)
}

func TestJournalOfAnotherStateRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	require.NoError(t, Write(path, New()))
	other := filepath.Join(t.TempDir(), "other.json")
	j, err := OpenJournal(other, New())
	require.NoError(t, err)
	require.NoError(t, j.Close())
	data, err := os.ReadFile(JournalPath(other))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(JournalPath(path), data, 0o600))

	_, err = Load(path)
	require.ErrorContains(t, err, "belongs to another state")
}

// Concurrent durable appends are all on disk when they return, in batches
// rather than one fsync each.
func TestJournalGroupCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	j, err := OpenJournal(path, New())
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := range 500 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			require.NoError(t, j.Put(pending(fmt.Sprintf("push.p%03d", i)), true))
		}()
	}
	wg.Wait()
	require.NoError(t, j.Close())
	got, err := Load(path)
	require.NoError(t, err)
	require.Len(t, got.Sends, 500)
}
