package planner

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// STUB: replaced by the real planner.

// Make computes the plan for cfg against st. It validates every send whose
// body is known against LINE's rules; problems are error diagnostics on the
// attribute at fault.
func Make(cfg *lang.Config, st *state.State, opts Options) (*Plan, hcl.Diagnostics) {
	panic("not built")
}

// Digest is the hex SHA-256 of body's canonical JSON (sorted keys, no
// insignificant space). Body must hold no lang.Unknown.
func Digest(body map[string]any) string { panic("not built") }

// Summary counts the plan's changes.
func (p *Plan) Summary() Summary { panic("not built") }
