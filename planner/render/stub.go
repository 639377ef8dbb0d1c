// Package render turns a finished plan into text for people and machines.
// It formats only; every decision is already in the Plan.
package render

import (
	"io"

	"github.com/lineupdev/lineup/planner"
)

// STUB: replaced by the real renderers.

// HumanOptions control the human renderer.
type HumanOptions struct {
	Color bool
}

// Human writes p in the Terraform manner: one block per change with its
// attributes, then the "Plan: ..." summary line, or "No changes." when
// there is nothing to do.
func Human(w io.Writer, p *planner.Plan, opts HumanOptions) error { panic("not built") }
