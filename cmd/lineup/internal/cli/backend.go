package cli

import (
	"context"
	"flag"
	"time"

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
		return state.Files{Path: statePathOf(set)}, nil
	}
	workspace := b.Workspace
	if w := s.Getenv(envWorkspace); w != "" {
		workspace = w
	}
	if sf.workspace != "" {
		workspace = sf.workspace
	}
	return pgstate.Open(ctx, s.Getenv(b.URLEnv), b.URLEnv, b.Schema, workspace)
}
