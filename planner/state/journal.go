package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/lineupdev/lineup/internal/atomicfile"
	"github.com/lineupdev/lineup/internal/groupcommit"
)

// A journal is the write-ahead log beside a state file
// ("<state>.journal"): one JSON line per change of a record, appended
// and fsynced in batches, so recording a send costs the same whatever the
// size of the state. Its first line names the snapshot it extends
// (lineage and serial); Load replays it over that snapshot, and Fold
// writes the result as a new snapshot and removes the journal. A journal
// whose serial is older than the snapshot's was folded already and is
// ignored; a torn last line (a crash mid-write) is ignored too.

// JournalPath is the journal of the state file at statePath.
func JournalPath(statePath string) string { return statePath + ".journal" }

type journalHeader struct {
	Journal int    `json:"journal"`
	Lineage string `json:"lineage"`
	Serial  uint64 `json:"serial"`
}

type journalEntry struct {
	// Op is "put" (the record replaces the one at its address), "forget"
	// (the record moves to history), "drop" (the address is removed),
	// "audience" (the audience replaces the one at its address) or
	// "audience-drop" (the audience was deleted).
	Op       string      `json:"op"`
	Record   *recordV1   `json:"record,omitempty"`
	Audience *audienceV1 `json:"audience,omitempty"`
	Address  string      `json:"address,omitempty"`
}

// replay applies the journal of the state file at path to s. A missing
// journal is no error.
func replay(path string, s *State, snapshotExists bool) error {
	data, err := os.ReadFile(JournalPath(path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading state journal: %w", err)
	}
	lines := bytes.Split(data, []byte("\n"))
	// The last element is what follows the last newline: empty, or a torn
	// line that never reached the disk in full.
	lines = lines[:len(lines)-1]
	if len(lines) == 0 {
		return nil
	}
	var h journalHeader
	if err := json.Unmarshal(lines[0], &h); err != nil || h.Journal != 1 {
		return fmt.Errorf("state journal %s: the first line is not a journal header", JournalPath(path))
	}
	switch {
	case !snapshotExists && s.Serial == 0:
		s.Lineage, s.Serial = h.Lineage, h.Serial
	case h.Lineage != s.Lineage:
		return fmt.Errorf("state journal %s belongs to another state (lineage %s, not %s)",
			JournalPath(path), h.Lineage, s.Lineage)
	case h.Serial < s.Serial:
		return nil // folded into the snapshot already
	case h.Serial > s.Serial:
		return fmt.Errorf("state journal %s extends serial %d, but the state file is at serial %d",
			JournalPath(path), h.Serial, s.Serial)
	}
	for i, line := range lines[1:] {
		if err := applyEntry(s, line); err != nil {
			return fmt.Errorf("state journal %s line %d: %w", JournalPath(path), i+2, err)
		}
	}
	return nil
}

func applyEntry(s *State, line []byte) error {
	var e journalEntry
	if err := json.Unmarshal(line, &e); err != nil {
		return fmt.Errorf("not valid JSON: %s", jsonMessage(err))
	}
	switch e.Op {
	case "put", "forget":
		if e.Record == nil {
			return fmt.Errorf("%q entry without a record", e.Op)
		}
		r, err := e.Record.record("journal record")
		if err != nil {
			return err
		}
		if e.Op == "put" {
			s.Sends[r.Address] = r
			return nil
		}
		delete(s.Sends, r.Address)
		s.History = append(s.History, r)
	case "drop":
		delete(s.Sends, e.Address)
	case "audience":
		a, err := e.Audience.audience("journal audience")
		if err != nil {
			return err
		}
		if s.Audiences == nil {
			s.Audiences = map[string]*Audience{}
		}
		s.Audiences[a.Address] = a
	case "audience-drop":
		delete(s.Audiences, e.Address)
	default:
		return fmt.Errorf("unknown operation %q", e.Op)
	}
	return nil
}

// Journal appends record changes to a state's journal. It is safe for
// concurrent use: appends that arrive while a batch is being written are
// written and fsynced together in the next one (group commit).
type Journal struct {
	f     *os.File
	lines *groupcommit.Queue[[]byte]
}

// Fold makes the state file at path hold s, which must include the
// replayed journal (as Load returns it), and removes the journal.
func Fold(path string, s *State) error {
	if err := Write(path, s); err != nil {
		return err
	}
	if err := os.Remove(JournalPath(path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing state journal: %w", err)
	}
	return nil
}

// OpenJournal folds any journal left by an earlier run into the state
// file at path, then starts a new journal extending s. The caller holds
// the state's lock.
func OpenJournal(path string, s *State) (*Journal, error) {
	if err := Fold(path, s); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(JournalPath(path), os.O_CREATE|os.O_EXCL|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("creating state journal: %w", err)
	}
	j := &Journal{f: f}
	j.lines = groupcommit.Start(j.write)
	header, _ := json.Marshal(journalHeader{Journal: 1, Lineage: s.Lineage, Serial: s.Serial})
	if err := j.lines.Add(append(header, '\n'), true); err != nil {
		j.Close()
		return nil, err
	}
	if err := atomicfile.SyncDir(filepath.Dir(path)); err != nil {
		j.Close()
		return nil, fmt.Errorf("creating state journal: %w", err)
	}
	return j, nil
}

// Put records r as it is now. With durable, Put returns once r is on
// disk; otherwise it returns at once and r reaches the disk with the next
// batch.
func (j *Journal) Put(r *Record, durable bool) error {
	return j.append(journalEntry{Op: "put", Record: fromRecord(r)}, durable)
}

// Forget records that r moved to the state's history.
func (j *Journal) Forget(r *Record, durable bool) error {
	return j.append(journalEntry{Op: "forget", Record: fromRecord(r)}, durable)
}

// PutAudience records a created or changed audience.
func (j *Journal) PutAudience(a *Audience, durable bool) error {
	return j.append(journalEntry{Op: "audience", Audience: fromAudience(a)}, durable)
}

// DropAudience records that the audience at address was deleted.
func (j *Journal) DropAudience(address string, durable bool) error {
	return j.append(journalEntry{Op: "audience-drop", Address: address}, durable)
}

// Drop records that the record at address was removed.
func (j *Journal) Drop(address string, durable bool) error {
	return j.append(journalEntry{Op: "drop", Address: address}, durable)
}

func (j *Journal) append(e journalEntry, durable bool) error {
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encoding state journal entry: %w", err)
	}
	return j.lines.Add(append(line, '\n'), durable)
}

// write appends a batch of lines to the file and fsyncs it.
func (j *Journal) write(lines [][]byte) error {
	var buf []byte
	for _, line := range lines {
		buf = append(buf, line...)
	}
	_, err := j.f.Write(buf)
	if err == nil {
		err = j.f.Sync()
	}
	if err != nil {
		return fmt.Errorf("writing state journal: %w", err)
	}
	return nil
}

// Close writes what is queued, fsyncs it and closes the file. It does not
// remove the journal: Fold does, once the snapshot holds it.
func (j *Journal) Close() error {
	err := j.lines.Close()
	return errors.Join(err, j.f.Close())
}
