package pgstate

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// migrations are the schema's versions, in order; migration i makes
// version i+1. A released migration never changes: add a new one.
var migrations = []string{
	`CREATE TABLE {{s}}.workspaces (
		name    text PRIMARY KEY,
		lineage text NOT NULL,
		serial  bigint NOT NULL
	);
	CREATE TABLE {{s}}.sends (
		workspace text NOT NULL,
		address   text NOT NULL,
		record    jsonb NOT NULL,
		PRIMARY KEY (workspace, address)
	);
	CREATE TABLE {{s}}.history (
		workspace text NOT NULL,
		seq       bigserial,
		record    jsonb NOT NULL,
		PRIMARY KEY (workspace, seq)
	);
	CREATE TABLE {{s}}.audiences (
		workspace text NOT NULL,
		address   text NOT NULL,
		audience  jsonb NOT NULL,
		PRIMARY KEY (workspace, address)
	);
	CREATE TABLE {{s}}.locks (
		workspace text PRIMARY KEY,
		host      text NOT NULL,
		pid       integer NOT NULL,
		command   text NOT NULL,
		since     timestamptz NOT NULL
	);`,
	`CREATE TABLE {{s}}.inbox (
		workspace   text NOT NULL,
		event_id    text NOT NULL,
		seq         bigserial,
		received_at timestamptz NOT NULL DEFAULT now(),
		event       jsonb NOT NULL,
		PRIMARY KEY (workspace, event_id)
	);`,
	`ALTER TABLE {{s}}.workspaces ADD COLUMN lineup_version text NOT NULL DEFAULT '';
	CREATE TABLE {{s}}.replies (
		workspace text NOT NULL,
		name      text NOT NULL,
		reply     jsonb NOT NULL,
		PRIMARY KEY (workspace, name)
	);`,
}

// migrationLock is the advisory lock key migrations run under (any
// constant; "lineup" in ASCII).
const migrationLock = 0x6c696e657570

// migrate brings the schema to the newest version in one transaction.
func migrate(ctx context.Context, conn *pgx.Conn, schema string) error {
	s := pgx.Identifier{schema}.Sanitize()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	stmts := []string{
		fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", migrationLock),
		"CREATE SCHEMA IF NOT EXISTS " + s,
		"CREATE TABLE IF NOT EXISTS " + s + ".migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
	}
	for _, q := range stmts {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	var have int
	if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM "+s+".migrations").Scan(&have); err != nil {
		return err
	}
	if have > len(migrations) {
		return fmt.Errorf("the database schema %s is at version %d, newer than this lineup knows (%d); upgrade lineup",
			schema, have, len(migrations))
	}
	for v := have; v < len(migrations); v++ {
		if _, err := tx.Exec(ctx, strings.ReplaceAll(migrations[v], "{{s}}", s)); err != nil {
			return fmt.Errorf("migrating the database schema %s to version %d: %w", schema, v+1, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO "+s+".migrations (version) VALUES ($1)", v+1); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}
