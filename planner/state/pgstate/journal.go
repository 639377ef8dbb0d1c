package pgstate

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/lineupdev/lineup/internal/groupcommit"
	"github.com/lineupdev/lineup/planner/state"
)

// journal records an apply's changes as rows. Changes that arrive while a
// transaction is being committed are committed together in the next one
// (group commit), so recording keeps up with LINE's rate limits.
type journal struct {
	b   *Backend
	ops *groupcommit.Queue[op]
}

// op is one change: kind "put", "forget", "drop", "audience" or
// "audience-drop".
type op struct {
	kind    string
	address string
	data    []byte
}

// OpenJournal commits s (bumping its serial), then records changes to it
// until Close. The caller holds the lock; the Backend's connection is the
// journal's until Close.
func (b *Backend) OpenJournal(ctx context.Context, s *state.State) (state.Recorder, error) {
	if err := b.Commit(ctx, s); err != nil {
		return nil, err
	}
	j := &journal{b: b}
	j.ops = groupcommit.Start(j.commit)
	return j, nil
}

func (j *journal) Put(r *state.Record, durable bool) error {
	return j.ops.Add(op{"put", r.Address, mustMarshalRecord(r)}, durable)
}

func (j *journal) Forget(r *state.Record, durable bool) error {
	return j.ops.Add(op{"forget", r.Address, mustMarshalRecord(r)}, durable)
}

func (j *journal) Drop(address string, durable bool) error {
	return j.ops.Add(op{"drop", address, nil}, durable)
}

func (j *journal) PutAudience(a *state.Audience, durable bool) error {
	data, err := state.MarshalAudience(a)
	if err != nil {
		return err
	}
	return j.ops.Add(op{"audience", a.Address, data}, durable)
}

func (j *journal) DropAudience(address string, durable bool) error {
	return j.ops.Add(op{"audience-drop", address, nil}, durable)
}

// commit writes a batch of ops in one transaction and updates what the
// Backend knows the database holds.
func (j *journal) commit(ops []op) error {
	if err := j.commitRows(ops); err != nil {
		return fmt.Errorf("recording in %s: %s", j.b, Cause(err))
	}
	return nil
}

func (j *journal) commitRows(ops []op) error {
	b := j.b
	b.mu.Lock()
	defer b.mu.Unlock()
	ctx := context.Background()
	batch := &pgx.Batch{}
	for _, o := range ops {
		b.queue(batch, o) // backend.go
	}
	tx, err := b.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	for _, o := range ops {
		switch o.kind {
		case "put":
			b.known.sends[o.address] = o.data
		case "forget":
			delete(b.known.sends, o.address)
			b.known.history = append(b.known.history, o.data)
		case "drop":
			delete(b.known.sends, o.address)
		case "audience":
			b.known.audiences[o.address] = o.data
		case "audience-drop":
			delete(b.known.audiences, o.address)
		}
	}
	return nil
}

// Close commits what is queued and stops the journal.
func (j *journal) Close() error {
	return j.ops.Close()
}
