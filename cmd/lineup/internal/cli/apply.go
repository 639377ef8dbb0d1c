package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/render"
	"github.com/lineupdev/lineup/planner/state"
)

type applyFlags struct {
	inputs
	selection
	stateFlags
	sandbox     bool
	autoApprove bool
	parallelism int
	json        bool
	due         bool     // due.go
	approve     listFlag // due.go
	// testTo are the testers of apply -test-to, and test asks for those
	// of the lineup block's testers (testdeliver.go).
	testTo listFlag
	test   bool
}

func runApply(ctx context.Context, g global, args []string, s Streams) int {
	var f applyFlags
	fs := newFlags("apply [options] [PLAN]", "Plans, asks for approval, then sends what the plan shows, exactly once, "+
		"recording every send in the state file before and after its request.", s)
	f.inputs.register(fs)
	f.stateFlags.register(fs)
	fs.BoolVar(&f.sandbox, "sandbox", false, "send to the embedded LINE sandbox (kept in .lineup/sandbox) instead of LINE")
	fs.BoolVar(&f.autoApprove, "auto-approve", false, "apply without asking for approval")
	f.selection.register(fs)
	fs.IntVar(&f.parallelism, "parallelism", 16, "at most `N` requests in flight (LINE's rate limits apply as well)")
	fs.BoolVar(&f.json, "json", false, "stream the apply as JSON, one object per line and event "+
		"(planned, sending, sent, retried, failed, summary); needs -auto-approve or a saved plan")
	fs.BoolVar(&f.due, "due", false, "send the scheduled sends that are due, if their configuration is still the one reviewed (for a cron job)")
	fs.Var(&f.approve, "approve", "approve `ADDR`, a send the policy's require_approval names (repeatable)")
	fs.Var(&f.testTo, "test-to", "push each planned send's messages to tester `USER_ID` instead, marked as a test; nothing is marked as sent (repeatable)")
	fs.BoolVar(&f.test, "test", false, "as -test-to, to the testers of the lineup block")
	if code, ok := parseArgs(fs, args, s, 1); !ok {
		return code
	}
	if len(f.testTo) > 0 || f.test {
		if fs.NArg() == 1 {
			return fail(s, fmt.Errorf("-test-to delivers what the configuration plans now; it takes no plan file"))
		}
		return runTestDeliveries(ctx, g, f, s)
	}
	if f.due {
		if fs.NArg() == 1 {
			return fail(s, fmt.Errorf("-due cannot be given with a saved plan"))
		}
		return applyDue(ctx, g, f, s)
	}
	if fs.NArg() == 1 {
		return applySaved(ctx, g, f, fs.Arg(0), s) // a plan saved by plan -out: applyplan.go
	}
	if f.parallelism < 1 {
		fmt.Fprintln(s.Err, "lineup apply: -parallelism must be at least 1")
		return 1
	}
	if fs.NArg() == 1 {
		return applySaved(ctx, g, f, fs.Arg(0), s) // a plan saved by plan -out: applyplan.go
	}
	if f.json && !f.autoApprove {
		return fail(s, errJSONNeedsApproval)
	}
	w, ok := loadWithState(ctx, f.inputs, f.stateFlags, "apply", true, g, s)
	if !ok {
		return 1
	}
	defer w.release()
	cfg, st, backend := w.cfg, w.st, w.backend
	// The state's lock is held; LINE (or the sandbox) must be reachable
	// with a token too before a plan is shown for approval.
	client, closeLine, err := connect(cfg, f.sandbox, s)
	if err != nil {
		return fail(s, err)
	}
	defer closeLine()
	p, ok := makePlan(cfg, st, &f.selection, quotaOf(ctx, client, s), g, s)
	if !ok {
		return 1
	}
	var jv *jsonView
	if f.json {
		jv = newJSONView(s)
		jv.planned(p)
	} else if err := renderPlan(s.Out, p, nil, "human", render.MarkdownOptions{}, useColor(g, s)); err != nil {
		return fail(s, err)
	}
	if !actionable(p) {
		if jv != nil {
			return jv.end(nil, false)
		}
		return 0
	}
	if !approved(p, nil, f.approve, s) {
		return 1
	}
	if !f.autoApprove {
		if code, ok := approve(s); !ok {
			return code
		}
	}
	return execute(ctx, cfg, p, st, backend, client, f, jv, s)
}

// applyView shows an apply as it goes and how it ended: progress.go for
// people, apply_json.go for machines. Its report is called from many
// goroutines.
type applyView interface {
	report(applier.Event)
	// interrupt is told of Ctrl-C: Apply starts no new request.
	interrupt()
	// end stops showing progress, says how the apply ended (err is
	// Apply's) and returns the exit code.
	end(err error, interrupted bool) int
}

// execute performs a plan that was approved with client: it shows
// progress (as JSON with jv, else for people), applies, and says how it
// ended.
func execute(ctx context.Context, cfg *lang.Config, p *planner.Plan, st *state.State, backend state.Backend, client *line.Client,
	f applyFlags, jv *jsonView, s Streams) int {
	if f.sandbox && jv == nil {
		fmt.Fprintf(s.Out, "\nSending to the embedded LINE sandbox in %s: nothing leaves this machine.\n\n", sandboxDir)
	}
	var view applyView = jv
	if jv == nil {
		view = newProgress(s, p)
	}
	stopWatch := watchInterrupt(ctx, view)
	err := applier.Apply(ctx, cfg, p, st, applier.Options{
		Client:       client,
		Backend:      backend,
		Now:          s.Now,
		Parallelism:  f.parallelism,
		Report:       view.report,
		PollInterval: pollInterval(f.sandbox),
	})
	stopWatch()
	return view.end(err, ctx.Err() != nil)
}

// appliedWords are the words applied says what became of each kind of
// change in: wordsDone (after an apply) or wordsToDo (what a saved plan
// will do).
type appliedWords struct {
	send, forget, create, update, replace, delete, record, remove string
}

var (
	wordsDone = appliedWords{"sent", "forgotten", "created", "updated", "replaced", "deleted", "recorded", "removed"}
	wordsToDo = appliedWords{"to send", "to forget", "to create", "to update", "to replace", "to delete", "to record", "to remove"}
)

// applied says what applying a plan with summary sum does or did, in
// words: "2 sent, 0 forgotten" for sends, then "; audiences: 1 created,
// ..." when the plan changes audiences, and "; reply rules: ..." when it
// records or removes reply rules.
func applied(sum planner.Summary, w appliedWords) string {
	out := fmt.Sprintf("%d %s, %d %s", sum.Send+sum.Unresolved, w.send, sum.Forget, w.forget)
	if sum.Create+sum.Update+sum.Replace+sum.Delete > 0 {
		out += fmt.Sprintf("; audiences: %d %s, %d %s, %d %s, %d %s", sum.Create, w.create,
			sum.Update, w.update, sum.Replace, w.replace, sum.Delete, w.delete)
	}
	if sum.Replies() > 0 {
		out += fmt.Sprintf("; reply rules: %d %s, %d %s", sum.RepliesAdded+sum.RepliesChanged, w.record,
			sum.RepliesRemoved, w.remove)
	}
	return out
}

// actionable reports whether apply has anything to do for p.
func actionable(p *planner.Plan) bool {
	if p.Summary().Replies() > 0 {
		return true
	}
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
