package pgstate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/lineupdev/lineup/planner/state"
)

// ApplicationName is the application_name of lineup's connections, as
// pg_stat_activity shows them.
const ApplicationName = "lineup"

// Backend is a workspace's state in PostgreSQL. It is safe for concurrent
// use; its calls take turns on its one connection.
type Backend struct {
	schema, workspace string
	s                 string // schema, quoted
	lockKey           int64

	mu   sync.Mutex // guards conn and known
	conn *pgx.Conn
	// known is what the database holds, as encoded records, as far as
	// this Backend read or wrote it; nil before a Load. Commit writes only
	// what differs.
	known *snapshot
}

type snapshot struct {
	sends, audiences, replies map[string][]byte
	history                   [][]byte
}

var _ state.Backend = (*Backend)(nil)

// Open connects to the database at url and brings its schema up to date.
// urlEnv is the name of the variable url came from, for errors: neither
// url nor anything of it but the host is ever put in an error.
func Open(ctx context.Context, url, urlEnv, schema, workspace string) (*Backend, error) {
	if url == "" {
		return nil, fmt.Errorf("the database URL is not set: set the environment variable %s", urlEnv)
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("the database URL in %s cannot be read; it must be a PostgreSQL URL (postgres://user:password@host/database) or key=value string", urlEnv)
	}
	cfg.RuntimeParams["application_name"] = ApplicationName
	// A retry key counts as kept only once its commit is on disk: a
	// server set to synchronous_commit = off could lose it in a crash,
	// after its request left.
	if cfg.RuntimeParams["synchronous_commit"] == "" {
		cfg.RuntimeParams["synchronous_commit"] = "on"
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to the database in %s (host %s): %s", urlEnv, cfg.Host, Cause(err))
	}
	if err := migrate(ctx, conn, schema); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("preparing the database schema %s: %s", schema, Cause(err))
	}
	h := fnv.New64a()
	h.Write([]byte(schema + "\x00" + workspace))
	return &Backend{schema: schema, workspace: workspace, s: pgx.Identifier{schema}.Sanitize(),
		lockKey: int64(h.Sum64()), conn: conn}, nil
}

// Cause is the innermost error of err, which names neither the user nor
// the database of the URL.
func Cause(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message
	}
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

func (b *Backend) String() string {
	return fmt.Sprintf("workspace %q (PostgreSQL schema %s)", b.workspace, b.schema)
}

// Workspace is the workspace's name.
func (b *Backend) Workspace() string { return b.workspace }

// Close closes the connection; a lock still held dies with it.
func (b *Backend) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.conn.Close(context.Background())
}

// Load reads the workspace's state; a workspace never written gives
// state.New().
func (b *Backend) Load(ctx context.Context) (*state.State, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	st, snap, err := b.load(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", b, err)
	}
	b.known = snap
	return st, nil
}

func (b *Backend) load(ctx context.Context) (*state.State, *snapshot, error) {
	tx, err := b.conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback(ctx)
	st := state.New()
	snap := &snapshot{sends: map[string][]byte{}, audiences: map[string][]byte{}, replies: map[string][]byte{}}
	var serial int64
	err = tx.QueryRow(ctx, "SELECT lineage, serial, lineup_version FROM "+b.s+".workspaces WHERE name = $1", b.workspace).
		Scan(&st.Lineage, &serial, &st.LineupVersion)
	if errors.Is(err, pgx.ErrNoRows) {
		return st, snap, nil
	}
	if err != nil {
		return nil, nil, err
	}
	st.Serial = uint64(serial)
	var addr string
	var data []byte
	err = b.eachRow(ctx, tx, "SELECT address, record::text FROM "+b.s+".sends WHERE workspace = $1", []any{&addr, &data}, func() error {
		r, err := state.UnmarshalRecord(data, fmt.Sprintf("sends[%q]", addr))
		if err != nil {
			return err
		}
		st.Sends[addr] = r
		snap.sends[addr] = mustMarshalRecord(r)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = b.eachRow(ctx, tx, "SELECT record::text FROM "+b.s+".history WHERE workspace = $1 ORDER BY seq", []any{&data}, func() error {
		r, err := state.UnmarshalRecord(data, fmt.Sprintf("history[%d]", len(st.History)))
		if err != nil {
			return err
		}
		st.History = append(st.History, r)
		snap.history = append(snap.history, mustMarshalRecord(r))
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = b.eachRow(ctx, tx, "SELECT address, audience::text FROM "+b.s+".audiences WHERE workspace = $1", []any{&addr, &data}, func() error {
		a, err := state.UnmarshalAudience(data, fmt.Sprintf("audiences[%q]", addr))
		if err != nil {
			return err
		}
		st.Audiences[addr] = a
		snap.audiences[addr], _ = state.MarshalAudience(a)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = b.eachRow(ctx, tx, "SELECT name, reply::text FROM "+b.s+".replies WHERE workspace = $1", []any{&addr, &data}, func() error {
		r, err := state.UnmarshalReply(data, addr)
		if err != nil {
			return err
		}
		if st.Replies == nil {
			st.Replies = map[string]*state.Reply{}
		}
		st.Replies[addr] = r
		snap.replies[addr], _ = state.MarshalReply(r)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return st, snap, tx.Commit(ctx)
}

// eachRow runs query, with the workspace as $1, in tx, and calls fn after
// scanning each row into dest.
func (b *Backend) eachRow(ctx context.Context, tx pgx.Tx, query string, dest []any, fn func() error) error {
	rows, err := tx.Query(ctx, query, b.workspace)
	if err != nil {
		return err
	}
	_, err = pgx.ForEachRow(rows, dest, fn)
	return err
}

func mustMarshalRecord(r *state.Record) []byte {
	data, err := state.MarshalRecord(r)
	if err != nil {
		panic(err) // a Record is plain data; encoding it cannot fail
	}
	return data
}

// Commit writes what differs between s and what the database holds, and
// bumps the serial, in one transaction.
func (b *Backend) Commit(ctx context.Context, s *state.State) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.commit(ctx, s, false); err != nil {
		return fmt.Errorf("writing %s: %s", b, Cause(err))
	}
	return nil
}

// Replace makes the workspace hold s (state push). Without force, it
// refuses a state of another lineage, and one that would forget sends the
// workspace records (an older copy of its state: the next apply would
// send them again).
func (b *Backend) Replace(ctx context.Context, s *state.State, force bool) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	st, snap, err := b.load(ctx)
	if err != nil {
		return fmt.Errorf("reading %s: %w", b, err)
	}
	if st.Serial > 0 && st.Lineage != s.Lineage && !force {
		return fmt.Errorf("%s holds another state (lineage %s, not %s); give -force to replace it", b, st.Lineage, s.Lineage)
	}
	if lost := state.Forgets(st, s); len(lost) > 0 && st.Lineage == s.Lineage && !force {
		what, again := lost[0], "it"
		if len(lost) > 1 {
			what, again = fmt.Sprintf("%s and %d more sends", lost[0], len(lost)-1), "them"
		}
		return fmt.Errorf("%s records %s as sent or in flight, and the state pushed does not (is it an older copy?): "+
			"the next apply would send %s again. Nothing was pushed; give -force to replace it anyway", b, what, again)
	}
	b.known = snap
	if st.Serial > s.Serial {
		s.Serial = st.Serial // the serial only grows: saved plans of the old state are stale
	}
	if err := b.commit(ctx, s, true); err != nil {
		return fmt.Errorf("writing %s: %s", b, Cause(err))
	}
	return nil
}

func (b *Backend) commit(ctx context.Context, s *state.State, lineageChange bool) error {
	if b.known == nil {
		return errors.New("the state was not read first")
	}
	next := &snapshot{sends: map[string][]byte{}, audiences: map[string][]byte{}, replies: map[string][]byte{}}
	for addr, r := range s.Sends {
		next.sends[addr] = mustMarshalRecord(r)
	}
	for addr, a := range s.Audiences {
		next.audiences[addr], _ = state.MarshalAudience(a)
	}
	for name, r := range s.Replies {
		next.replies[name], _ = state.MarshalReply(r)
	}
	batch := &pgx.Batch{}
	b.queueDiff(batch, "put", "drop", b.known.sends, next.sends)
	b.queueDiff(batch, "audience", "audience-drop", b.known.audiences, next.audiences)
	b.queueDiff(batch, "reply", "reply-drop", b.known.replies, next.replies)
	for _, r := range s.History {
		next.history = append(next.history, mustMarshalRecord(r))
	}
	from := len(b.known.history)
	if !historyExtends(next.history, b.known.history) {
		batch.Queue("DELETE FROM "+b.s+".history WHERE workspace = $1", b.workspace)
		from = 0
	}
	for _, data := range next.history[from:] {
		b.queue(batch, op{"history", "", data})
	}
	lineageCheck := " WHERE " + b.s + ".workspaces.lineage = excluded.lineage"
	if lineageChange {
		lineageCheck = ""
	}
	batch.Queue("INSERT INTO "+b.s+".workspaces (name, lineage, serial, lineup_version) VALUES ($1, $2, $3, $4) "+
		"ON CONFLICT (name) DO UPDATE SET lineage = excluded.lineage, serial = excluded.serial, "+
		"lineup_version = excluded.lineup_version"+lineageCheck,
		b.workspace, s.Lineage, int64(s.Serial+1), s.LineupVersion)
	tx, err := b.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	res := tx.SendBatch(ctx, batch)
	for i := 0; i < batch.Len(); i++ {
		tag, err := res.Exec()
		if err != nil {
			res.Close()
			return err
		}
		if i == batch.Len()-1 && tag.RowsAffected() != 1 {
			res.Close()
			return fmt.Errorf("the workspace holds another state (not lineage %s) now", s.Lineage)
		}
	}
	if err := res.Close(); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	s.Serial++
	b.known = next
	return nil
}

// queueDiff queues the changes that make the rows known hold next: put
// for a new or changed row, drop for one gone.
func (b *Backend) queueDiff(batch *pgx.Batch, put, drop string, known, next map[string][]byte) {
	for addr, data := range next {
		if !bytes.Equal(known[addr], data) {
			b.queue(batch, op{put, addr, data})
		}
	}
	for addr := range known {
		if _, ok := next[addr]; !ok {
			b.queue(batch, op{drop, addr, nil})
		}
	}
}

// queue queues the statements of o: kind "put" (a record, by address),
// "drop" (a record), "history" (a record appended to the history),
// "forget" (drop, then history), "audience" or "audience-drop", "reply"
// or "reply-drop" (a reply rule, by name).
func (b *Backend) queue(batch *pgx.Batch, o op) {
	switch o.kind {
	case "put":
		batch.Queue("INSERT INTO "+b.s+".sends (workspace, address, record) VALUES ($1, $2, $3) "+
			"ON CONFLICT (workspace, address) DO UPDATE SET record = excluded.record", b.workspace, o.address, string(o.data))
	case "drop":
		batch.Queue("DELETE FROM "+b.s+".sends WHERE workspace = $1 AND address = $2", b.workspace, o.address)
	case "history":
		batch.Queue("INSERT INTO "+b.s+".history (workspace, record) VALUES ($1, $2)", b.workspace, string(o.data))
	case "forget":
		b.queue(batch, op{"drop", o.address, nil})
		b.queue(batch, op{"history", "", o.data})
	case "audience":
		batch.Queue("INSERT INTO "+b.s+".audiences (workspace, address, audience) VALUES ($1, $2, $3) "+
			"ON CONFLICT (workspace, address) DO UPDATE SET audience = excluded.audience", b.workspace, o.address, string(o.data))
	case "audience-drop":
		batch.Queue("DELETE FROM "+b.s+".audiences WHERE workspace = $1 AND address = $2", b.workspace, o.address)
	case "reply":
		batch.Queue("INSERT INTO "+b.s+".replies (workspace, name, reply) VALUES ($1, $2, $3) "+
			"ON CONFLICT (workspace, name) DO UPDATE SET reply = excluded.reply", b.workspace, o.address, string(o.data))
	case "reply-drop":
		batch.Queue("DELETE FROM "+b.s+".replies WHERE workspace = $1 AND name = $2", b.workspace, o.address)
	}
}

// historyExtends reports whether next is old with records appended.
func historyExtends(next, old [][]byte) bool {
	if len(next) < len(old) {
		return false
	}
	for i := range old {
		if !bytes.Equal(next[i], old[i]) {
			return false
		}
	}
	return true
}

// Lock takes the workspace's advisory lock on the Backend's connection,
// trying every 100ms up to wait, and records the holder.
func (b *Backend) Lock(ctx context.Context, operation string, wait time.Duration) (func() error, error) {
	return state.WaitLock(ctx, wait, func() (func() error, error) {
		b.mu.Lock()
		var ok bool
		err := b.conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", b.lockKey).Scan(&ok)
		if err == nil && ok {
			err = b.writeHolder(ctx, state.NewHolder(operation))
			if err != nil {
				b.unlock(ctx)
			}
		}
		b.mu.Unlock()
		switch {
		case err != nil:
			return nil, fmt.Errorf("locking %s: %s", b, Cause(err))
		case ok:
			return func() error {
				b.mu.Lock()
				defer b.mu.Unlock()
				return b.unlock(context.Background())
			}, nil
		}
		return nil, b.lockedError(ctx)
	})
}

// writeHolder records h in the locks table: its user@host in the host
// column, its operation in command.
func (b *Backend) writeHolder(ctx context.Context, h state.Holder) error {
	_, err := b.conn.Exec(ctx, "INSERT INTO "+b.s+".locks (workspace, host, pid, command, since) VALUES ($1, $2, $3, $4, $5) "+
		"ON CONFLICT (workspace) DO UPDATE SET host = excluded.host, pid = excluded.pid, command = excluded.command, since = excluded.since",
		b.workspace, h.Who, h.PID, h.Operation, h.Since)
	return err
}

func (b *Backend) unlock(ctx context.Context) error {
	if b.conn.IsClosed() {
		return nil // the lock died with the connection
	}
	_, err := b.conn.Exec(ctx, "DELETE FROM "+b.s+".locks WHERE workspace = $1", b.workspace)
	_, err2 := b.conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", b.lockKey)
	return errors.Join(err, err2)
}

func (b *Backend) lockedError(ctx context.Context) error {
	e := &state.LockedError{State: fmt.Sprintf("workspace %q", b.workspace),
		Release: "which holds it until its database connection ends: wait for it to finish, " +
			"or give -lock-timeout=DURATION to wait for it"}
	b.mu.Lock()
	defer b.mu.Unlock()
	h := &e.Holder
	_ = b.conn.QueryRow(ctx, "SELECT host, pid, command, since FROM "+b.s+".locks WHERE workspace = $1", b.workspace).
		Scan(&h.Who, &h.PID, &h.Operation, &h.Since)
	return e
}
