package cli

import (
	"context"

	"github.com/lineupdev/lineup/planner/render"
)

// planFlags are the flags plan and apply share.
type planFlags struct {
	inputs
	sandbox bool
	replace listFlag
}

func runPlan(ctx context.Context, g global, args []string, s Streams) int {
	var f planFlags
	fs := newFlags("plan [options]", "Shows what apply would do: sends (+), sends changed after sending (!), "+
		"records to forget (.) and unresolved sends (?). It sends nothing and writes nothing.", s)
	f.inputs.register(fs)
	fs.BoolVar(&f.sandbox, "sandbox", false, "plan against the embedded LINE sandbox (kept in .lineup/sandbox)")
	fs.Var(&f.replace, "replace", "send `ADDR` again although it was sent before (repeatable)")
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	cfg := loadConfig(f.inputs, g, s)
	if cfg == nil {
		return 1
	}
	st, ok := readState(statePath(cfg), s)
	if !ok {
		return 1
	}
	if cfg = evaluate(cfg, st, g, s); cfg == nil {
		return 1
	}
	p, ok := makePlan(cfg, st, f.replace, g, s)
	if !ok {
		return 1
	}
	if err := render.Human(s.Out, p, render.HumanOptions{Color: useColor(g, s)}); err != nil {
		return fail(s, err)
	}
	return 0
}
