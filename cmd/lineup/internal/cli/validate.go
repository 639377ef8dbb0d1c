package cli

import (
	"context"
	"fmt"

	"github.com/lineupdev/lineup/planner/state"
)

func runValidate(ctx context.Context, g global, args []string, s Streams) int {
	var in inputs
	fs := newFlags("validate", "Checks the configuration in the current directory offline: the language, "+
		"references, and every LINE rule that can be checked before sending.", s)
	in.register(fs)
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	cfg := loadConfig(in, g, s)
	if cfg == nil {
		return 1
	}
	// Planning against an empty state checks every send against LINE's
	// rules without reading or touching the real state.
	if _, ok := makePlan(cfg, state.New(), nil, g, s); !ok {
		return 1
	}
	fmt.Fprintf(s.Out, "Success! The configuration is valid (%d sends).\n", len(cfg.Sends))
	return 0
}
