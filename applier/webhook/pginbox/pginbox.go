// Package pginbox keeps the webhook inbox in PostgreSQL, in the tables of
// planner/state/pgstate, so that several `lineup serve` replicas pointed
// at one database share one inbox: an event is committed once per
// webhookEventId, whichever replica got it, before that replica answers.
package pginbox

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/lineupdev/lineup/applier/webhook"
	"github.com/lineupdev/lineup/planner/state/pgstate"
)

// Inbox is a workspace's inbox in PostgreSQL. It is safe for concurrent
// use.
type Inbox struct {
	pool      *pgxpool.Pool
	s         string // the schema, quoted
	workspace string
	name      string
}

var _ webhook.Store = (*Inbox)(nil)

// Open connects to the database at url (from the variable urlEnv, named
// in errors; the URL never is) and brings its schema up to date.
func Open(ctx context.Context, url, urlEnv, schema, workspace string) (*Inbox, error) {
	b, err := pgstate.Open(ctx, url, urlEnv, schema, workspace) // checks the URL, migrates
	if err != nil {
		return nil, err
	}
	b.Close()
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("the database URL in %s cannot be read", urlEnv)
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = pgstate.ApplicationName
	if cfg.ConnConfig.RuntimeParams["synchronous_commit"] == "" {
		cfg.ConnConfig.RuntimeParams["synchronous_commit"] = "on"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to the database in %s: %s", urlEnv, pgstate.Cause(err))
	}
	return &Inbox{pool: pool, s: pgx.Identifier{schema}.Sanitize(), workspace: workspace,
		name: fmt.Sprintf("inbox of workspace %q (PostgreSQL schema %s)", workspace, schema)}, nil
}

// String names the inbox for messages, without the URL.
func (in *Inbox) String() string { return in.name }

// Record commits recs in one transaction; a message or edit whose
// webhookEventId is in the inbox already is skipped (fresh[i] false).
// When another replica is committing the same event, Record waits for
// its commit.
func (in *Inbox) Record(recs []webhook.Record) ([]bool, error) {
	ctx := context.Background()
	batch := &pgx.Batch{}
	for i := range recs {
		data, err := json.Marshal(&recs[i])
		if err != nil {
			return nil, fmt.Errorf("encoding inbox record: %w", err)
		}
		key := webhook.DedupeKey(&recs[i])
		if key == "" {
			key = "reply:" + uuid.NewString()
		}
		batch.Queue("INSERT INTO "+in.s+".inbox (workspace, event_id, event) VALUES ($1, $2, $3) "+
			"ON CONFLICT (workspace, event_id) DO NOTHING", in.workspace, key, string(data))
	}
	fresh := make([]bool, len(recs))
	err := pgx.BeginFunc(ctx, in.pool, func(tx pgx.Tx) error {
		res := tx.SendBatch(ctx, batch)
		for i := range recs {
			tag, err := res.Exec()
			if err != nil {
				res.Close()
				return err
			}
			fresh[i] = tag.RowsAffected() == 1
		}
		return res.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("recording in the %s: %s", in, pgstate.Cause(err))
	}
	return fresh, nil
}

// Read is the inbox as it is now, read-only, in the order it was
// recorded.
func (in *Inbox) Read(ctx context.Context) (*webhook.Inbox, error) {
	rows, err := in.pool.Query(ctx, "SELECT event::text FROM "+in.s+".inbox WHERE workspace = $1 ORDER BY seq", in.workspace)
	if err != nil {
		return nil, fmt.Errorf("reading the %s: %s", in, pgstate.Cause(err))
	}
	var recs []webhook.Record
	var data []byte
	_, err = pgx.ForEachRow(rows, []any{&data}, func() error {
		var r webhook.Record
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("record %d is not an inbox record: %w", len(recs)+1, err)
		}
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the %s: %s", in, pgstate.Cause(err))
	}
	return webhook.FromRecords(in.name, recs), nil
}

// Close closes the connections.
func (in *Inbox) Close() error {
	in.pool.Close()
	return nil
}
