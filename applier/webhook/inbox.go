package webhook

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// Store is where a handler records what it receives: Record returns once
// recs are durable, skipping (fresh[i] false) a message or edit whose
// WebhookEventID was recorded before, by this process or another sharing
// the store. *Inbox is the file store.
type Store interface {
	Record(recs []Record) (fresh []bool, err error)
}

// DedupeKey is what a store records r once by: its WebhookEventID, or ""
// for a reply (recorded every time).
func DedupeKey(r *Record) string { return dedupeKey(r) }

// FromRecords is a read-only Inbox of recs, in the order they were
// recorded, as ReadInbox reads them from a file; path names where they
// came from.
func FromRecords(path string, recs []Record) *Inbox {
	idx := newIndex()
	for i := range recs {
		idx.add(&recs[i])
	}
	return &Inbox{path: path, idx: idx}
}

// ErrClosed is returned by Record after Close.
var ErrClosed = errors.New("inbox is closed")

// Inbox is the append-only inbox file and an index of it. It is safe for
// concurrent use.
//
// An Inbox from OpenInbox is the single writer: Record appends whole
// lines with O_APPEND writes and fsyncs before it returns, batching the
// records of concurrent callers into one write (group commit). An Inbox
// from ReadInbox is a read-only snapshot; reading never takes a lock on
// the file, so a reader never blocks the writer or the other way round.
type Inbox struct {
	path string
	f    *os.File // nil when read-only

	mu      sync.Mutex
	idx     *index
	pending map[string]*batch // event IDs in a batch not yet durable
	cur     *batch            // the batch being filled
	size    int64             // file size after the last durable write
	closed  bool
	broken  error // a failed write could not be undone

	kick chan struct{}
	quit chan struct{}
	done chan struct{}
}

// batch is the records of one group commit.
type batch struct {
	buf  []byte
	recs []Record
	ids  []string
	done chan struct{}
	err  error
}

func newBatch() *batch { return &batch{done: make(chan struct{})} }

// OpenInbox opens (creating it if needed) the inbox file at path for
// recording. It reads the existing lines; an incomplete last line, left
// by a crash in the middle of a write, is ignored and cut off the file
// before anything is appended. Close it when done.
func OpenInbox(path string) (*Inbox, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening inbox: %w", err)
	}
	idx, good, err := load(f, path)
	if err == nil {
		err = cutTorn(f, good)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	in := &Inbox{
		path: path, f: f, idx: idx, size: good,
		pending: map[string]*batch{}, cur: newBatch(),
		kick: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{}),
	}
	go in.run()
	return in, nil
}

// ReadInbox reads the inbox file at path without locking or changing it:
// a missing file is an empty inbox, and an incomplete last line (a write
// in progress or a crash) is ignored. The result is read-only.
func ReadInbox(path string) (*Inbox, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Inbox{path: path, idx: newIndex()}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading inbox: %w", err)
	}
	defer f.Close()
	idx, _, err := load(f, path)
	if err != nil {
		return nil, err
	}
	return &Inbox{path: path, idx: idx}, nil
}

// load reads complete lines from r. It returns the index and the length
// of the complete lines; a final line without its newline is not read.
func load(r io.Reader, path string) (*index, int64, error) {
	idx := newIndex()
	br := bufio.NewReaderSize(r, 64<<10)
	var good int64
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return idx, good, nil // line, if any, is torn
		}
		if err != nil {
			return nil, 0, fmt.Errorf("reading inbox: %w", err)
		}
		good += int64(len(line))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(line, &rec); err != nil {
			return nil, 0, fmt.Errorf("%s:%d: not an inbox record: %w", path, n, err)
		}
		idx.add(&rec)
	}
}

// cutTorn truncates the file to its complete lines.
func cutTorn(f *os.File, good int64) error {
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("opening inbox: %w", err)
	}
	if st.Size() == good {
		return nil
	}
	if err := f.Truncate(good); err != nil {
		return fmt.Errorf("cutting the incomplete last line off the inbox: %w", err)
	}
	return f.Sync()
}

// Path is the inbox file's path.
func (in *Inbox) Path() string { return in.path }

// Lookup returns the current version of a message by ID.
func (in *Inbox) Lookup(id string) (Message, bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.idx.lookup(id)
}

// Recent returns the last n messages, by when they were first recorded,
// oldest first; each in its current version.
func (in *Inbox) Recent(n int) []Message {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.idx.recent(n)
}

// Record appends records to the inbox and returns once they are written
// and fsynced. A message or edited record whose WebhookEventID has been
// recorded before is skipped (a redelivery or a duplicate); fresh[i]
// says whether recs[i] was new. When a duplicate's first copy is still
// being written, Record waits for it, so whenever Record returns without
// error every record it was given is on disk. On error nothing may be
// assumed recorded; the caller should answer so that LINE redelivers.
func (in *Inbox) Record(recs []Record) (fresh []bool, err error) {
	lines := make([][]byte, len(recs))
	for i := range recs {
		if lines[i], err = json.Marshal(&recs[i]); err != nil {
			return nil, fmt.Errorf("encoding inbox record: %w", err)
		}
	}
	fresh = make([]bool, len(recs))
	waits, err := in.enqueue(recs, lines, fresh)
	if err != nil {
		return nil, err
	}
	for _, b := range waits {
		<-b.done
		if b.err != nil {
			return nil, b.err
		}
	}
	return fresh, nil
}

// enqueue adds the new records to the current batch and returns the
// batches to wait for.
func (in *Inbox) enqueue(recs []Record, lines [][]byte, fresh []bool) ([]*batch, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	switch {
	case in.f == nil:
		return nil, errors.New("inbox opened read-only")
	case in.closed:
		return nil, ErrClosed
	case in.broken != nil:
		return nil, in.broken
	}
	b := in.cur
	var waits []*batch
	for i := range recs {
		if key := dedupeKey(&recs[i]); key != "" {
			if in.idx.seen[key] {
				continue
			}
			if p := in.pending[key]; p != nil {
				waits = append(waits, p)
				continue
			}
			in.pending[key] = b
			b.ids = append(b.ids, key)
		}
		b.buf = append(append(b.buf, lines[i]...), '\n')
		b.recs = append(b.recs, recs[i])
		fresh[i] = true
	}
	if len(b.recs) > 0 {
		waits = append(waits, b)
		select {
		case in.kick <- struct{}{}:
		default: // a flush is already due
		}
	}
	return waits, nil
}

// dedupeKey is what makes two deliveries of an event one: its
// webhookEventId, or, for an event without one, its kind and message ID
// (a redelivery is the same message; an edit of it another kind).
func dedupeKey(r *Record) string {
	switch {
	case r.Kind == KindReply:
		return ""
	case r.WebhookEventID != "":
		return r.WebhookEventID
	case r.ID != "":
		return "message " + r.Kind + " " + r.ID
	}
	return ""
}

// run is the writer: it flushes the current batch whenever one is due.
func (in *Inbox) run() {
	defer close(in.done)
	for {
		select {
		case <-in.kick:
			in.flush()
		case <-in.quit:
			in.flush()
			return
		}
	}
}

// flush writes the current batch in one write, fsyncs, and only then
// indexes it and releases its waiters.
func (in *Inbox) flush() {
	in.mu.Lock()
	b := in.cur
	if len(b.recs) == 0 {
		in.mu.Unlock()
		return
	}
	in.cur = newBatch()
	size := in.size
	in.mu.Unlock()

	_, err := in.f.Write(b.buf)
	if err == nil {
		err = in.f.Sync()
	}
	var broken error
	if err != nil {
		err = fmt.Errorf("writing inbox: %w", err)
		if terr := in.f.Truncate(size); terr != nil {
			broken = fmt.Errorf("inbox left with a partial write: %w", terr)
		}
	}

	in.mu.Lock()
	for _, id := range b.ids {
		delete(in.pending, id)
	}
	if err == nil {
		for i := range b.recs {
			in.idx.add(&b.recs[i])
		}
		in.size += int64(len(b.buf))
	}
	if broken != nil {
		in.broken = broken
	}
	in.mu.Unlock()
	b.err, b.buf, b.recs = err, nil, nil
	close(b.done)
}

// Close writes what is pending and closes the file. Record fails after
// Close. Closing a read-only Inbox does nothing.
func (in *Inbox) Close() error {
	in.mu.Lock()
	if in.f == nil || in.closed {
		in.mu.Unlock()
		return nil
	}
	in.closed = true
	in.mu.Unlock()
	close(in.quit)
	<-in.done
	return in.f.Close()
}
