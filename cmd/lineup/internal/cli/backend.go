package cli

import (
	"context"
	"errors"
	"flag"
	"time"

	"github.com/lineupdev/lineup/applier/webhook"
	"github.com/lineupdev/lineup/applier/webhook/pginbox"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/lineupdev/lineup/planner/state/pgstate"
)

// envWorkspace overrides the backend block's workspace; -workspace
// overrides both.
const envWorkspace = "LINEUP_WORKSPACE"

// stateFlags are the flags of every command that reads or writes the
// state.
type stateFlags struct {
	workspace   string
	lockTimeout time.Duration
}

func (sf *stateFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.workspace, "workspace", "", "with a backend block: use workspace `NAME` (overrides the block and "+envWorkspace+")")
	fs.DurationVar(&sf.lockTimeout, "lock-timeout", 0, "wait up to `DURATION` (30s, 5m) for the state's lock held by another lineup")
}

// openBackend opens the backend the lineup block chooses: the state file,
// or the backend block's database.
func openBackend(ctx context.Context, set lang.Settings, sf stateFlags, s Streams) (state.Backend, error) {
	b := set.Backend
	if b == nil {
		if sf.workspace != "" {
			return nil, errors.New("-workspace chooses a workspace of a backend block, and the configuration has none: its state is the file " + statePathOf(set))
		}
		return state.Files{Path: statePathOf(set)}, nil
	}
	return pgstate.Open(ctx, s.Getenv(b.URLEnv), b.URLEnv, b.Schema, workspaceOf(b, sf, s))
}

// workspaceOf is the workspace of backend block b: -workspace, or
// LINEUP_WORKSPACE, or the block's.
func workspaceOf(b *lang.Backend, sf stateFlags, s Streams) string {
	switch {
	case sf.workspace != "":
		return sf.workspace
	case s.Getenv(envWorkspace) != "":
		return s.Getenv(envWorkspace)
	}
	return b.Workspace
}

// inboxStore is where serve records what it receives: the inbox file, or
// with a backend block the workspace's inbox in the database, which
// replicas share. name says where, for messages.
func inboxStore(ctx context.Context, set lang.Settings, sf stateFlags, s Streams) (
	store webhook.Store, name string, closeStore func() error, err error) {
	if b := set.Backend; b != nil {
		in, err := pginbox.Open(ctx, s.Getenv(b.URLEnv), b.URLEnv, b.Schema, workspaceOf(b, sf, s))
		if err != nil {
			return nil, "", nil, err
		}
		return in, in.String(), in.Close, nil
	}
	path := set.InboxPath(".")
	in, err := webhook.OpenInbox(path)
	if err != nil {
		return nil, "", nil, err
	}
	return in, path, in.Close, nil
}

// readInboxOf reads the inbox of set, read-only: the file (without
// locking it: a running serve may be appending) or the database's.
func readInboxOf(ctx context.Context, set lang.Settings, sf stateFlags, s Streams) (*webhook.Inbox, error) {
	if b := set.Backend; b != nil {
		in, err := pginbox.Open(ctx, s.Getenv(b.URLEnv), b.URLEnv, b.Schema, workspaceOf(b, sf, s))
		if err != nil {
			return nil, err
		}
		defer in.Close()
		return in.Read(ctx)
	}
	return webhook.ReadInbox(set.InboxPath("."))
}
