package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

type applyFlags struct {
	inputs
	sandbox     bool
	autoApprove bool
	replace     listFlag
	parallelism int
	// testTo are the testers of apply -test-to (testdeliver.go).
	testTo listFlag
}

func runApply(ctx context.Context, g global, args []string, s Streams) int {
	var f applyFlags
	fs := newFlags("apply [options] [PLAN]", "Plans, asks for approval, then sends what the plan shows, exactly once, "+
		"recording every send in the state file before and after its request.", s)
	f.inputs.register(fs)
	fs.BoolVar(&f.sandbox, "sandbox", false, "send to the embedded LINE sandbox (kept in .lineup/sandbox) instead of LINE")
	fs.BoolVar(&f.autoApprove, "auto-approve", false, "apply without asking for approval")
	fs.Var(&f.replace, "replace", "send `ADDR` again although it was sent before (repeatable)")
	fs.IntVar(&f.parallelism, "parallelism", 16, "at most `N` requests in flight (LINE's rate limits apply as well)")
	fs.Var(&f.testTo, "test-to", "push each planned send's messages to tester `USER_ID` instead, marked as a test; nothing is marked as sent (repeatable)")
	if code, ok := parseArgs(fs, args, s, 1); !ok {
		return code
	}
	if len(f.testTo) > 0 {
		if fs.NArg() == 1 {
			return fail(s, fmt.Errorf("-test-to delivers what the configuration plans now; it takes no plan file"))
		}
		return runTestDeliveries(ctx, g, f, s)
	}
	if fs.NArg() == 1 {
		return applySaved(ctx, g, f, fs.Arg(0), s) // a plan saved by plan -out: applyplan.go
	}
	if f.parallelism < 1 {
		fmt.Fprintln(s.Err, "lineup apply: -parallelism must be at least 1")
		return 1
	}
	w, ok := loadWithState(f.inputs, "apply", true, g, s)
	if !ok {
		return 1
	}
	defer w.release()
	cfg, st, path := w.cfg, w.st, w.path
	p, ok := makePlan(cfg, st, f.replace, readQuota(ctx, cfg, f.sandbox, s), g, s)
	if !ok {
		return 1
	}
	if err := renderPlan(s.Out, p, nil, "human", useColor(g, s)); err != nil {
		return fail(s, err)
	}
	if !actionable(p) {
		return 0
	}
	if !f.autoApprove {
		if code, ok := approve(s); !ok {
			return code
		}
	}
	return execute(ctx, cfg, p, st, path, f, s)
}

// execute performs a plan that was approved: it connects, shows progress,
// applies, and says how it ended.
func execute(ctx context.Context, cfg *lang.Config, p *planner.Plan, st *state.State, path string, f applyFlags, s Streams) int {
	client, closeLine, err := connect(cfg, f.sandbox, s)
	if err != nil {
		return fail(s, err)
	}
	defer closeLine()
	if f.sandbox {
		fmt.Fprintf(s.Out, "\nSending to the embedded LINE sandbox in %s: nothing leaves this machine.\n\n", sandboxDir)
	}
	prog := newProgress(s, p)
	stopWatch := watchInterrupt(ctx, s)
	err = applier.Apply(ctx, cfg, p, st, applier.Options{
		Client:       client,
		StatePath:    path,
		Now:          s.Now,
		Parallelism:  f.parallelism,
		Report:       prog.report,
		PollInterval: pollInterval(f.sandbox),
	})
	stopWatch()
	prog.stop()
	if ctx.Err() != nil {
		err = errors.Join(err, errors.New("apply was interrupted; the sends in flight were recorded, "+
			"and the next plan shows what is left to do"))
	}
	if err != nil {
		fmt.Fprintf(s.Err, "\nError: apply did not finish:\n  %s\n", strings.ReplaceAll(err.Error(), "\n", "\n  "))
		return 1
	}
	fmt.Fprintf(s.Out, "\nApply complete! %s.\n", applied(p.Summary(), "sent", "forgotten", "created", "updated", "replaced", "deleted"))
	return 0
}

// applied says what applying a plan with summary sum does or did, in the
// words given: "2 sent, 0 forgotten" for sends, then ", audiences: 1
// created, ..." when the plan changes audiences.
func applied(sum planner.Summary, words ...string) string {
	out := fmt.Sprintf("%d %s, %d %s", sum.Send+sum.Unresolved, words[0], sum.Forget, words[1])
	if sum.Create+sum.Update+sum.Replace+sum.Delete > 0 {
		out += fmt.Sprintf("; audiences: %d %s, %d %s, %d %s, %d %s", sum.Create, words[2],
			sum.Update, words[3], sum.Replace, words[4], sum.Delete, words[5])
	}
	return out
}

// actionable reports whether apply has anything to do for p.
func actionable(p *planner.Plan) bool {
	for _, ch := range p.Changes {
		if ch.Follows() {
			return true
		}
		switch ch.Action {
		case planner.Send, planner.Forget, planner.Unresolved,
			planner.Update, planner.Replace, planner.Delete:
			return true
		}
	}
	return false
}

// approve asks for "yes" on a terminal; without one it refuses.
func approve(s Streams) (int, bool) {
	if !s.InTerminal {
		fmt.Fprintln(s.Err, "\nError: no terminal to ask for approval; run apply with -auto-approve to apply "+
			"without asking (as CI does after review). Nothing was sent.")
		return 1, false
	}
	fmt.Fprint(s.Out, "\nDo you want to perform these actions?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ")
	answer, _ := bufio.NewReader(s.In).ReadString('\n')
	if strings.TrimSpace(answer) != "yes" {
		fmt.Fprintln(s.Err, "\nApply cancelled. Nothing was sent.")
		return 1, false
	}
	return 0, true
}

func fail(s Streams, err error) int {
	fmt.Fprintf(s.Err, "Error: %v\n", err)
	return 1
}
