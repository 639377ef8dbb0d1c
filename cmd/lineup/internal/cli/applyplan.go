package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/plandoc"
)

// readSaved reads the saved plan at path, and its document.
func readSaved(path string) (*planner.Saved, *plandoc.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the saved plan: %w", err)
	}
	defer f.Close()
	sp, doc, err := plandoc.Read(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return sp, doc, nil
}

// applySaved applies the saved plan at path: exactly its changes, with its
// retry keys, without asking for approval (the plan was reviewed). It
// refuses, sending nothing, when the configuration or its input values
// differ from the plan's, or when the state moved since the plan was made.
func applySaved(ctx context.Context, g global, f applyFlags, path string, s Streams) int {
	if len(f.replace) > 0 || len(f.targets) > 0 {
		return fail(s, errors.New("-replace and -target cannot be given with a saved plan: "+
			"the plan holds the -replace and -target options it was made with"))
	}
	sp, _, err := readSaved(path)
	if err != nil {
		return fail(s, err)
	}
	w, ok := loadWithState(ctx, f.inputs, f.stateFlags, "apply", true, g, s)
	if !ok {
		return 1
	}
	defer w.release()
	cfg, st := w.cfg, w.st
	if err := sp.CheckConfig(cfg); err != nil {
		return refuse(s, err)
	}
	if err := sp.CheckState(st); err != nil {
		return refuse(s, err)
	}
	p, diags := planner.Make(cfg, st, sp.Options(s.Now))
	printDiags(s.Err, cfg.Files, diags, g, s)
	if diags.HasErrors() {
		return 1
	}
	if err := sp.Match(p); err != nil {
		return refuse(s, err)
	}
	client, closeLine, err := connect(cfg, f.sandbox, s)
	if err != nil {
		return fail(s, err)
	}
	defer closeLine()
	var jv *jsonView
	if f.json {
		jv = newJSONView(s)
		jv.planned(p)
	} else {
		fmt.Fprintf(s.Out, "Applying saved plan %s (%s): %s.\n", path, sp.ID,
			applied(p.Summary(), wordsToDo))
	}
	if !actionable(p) {
		if jv != nil {
			return jv.end(nil, false)
		}
		fmt.Fprintln(s.Out, "Nothing to apply.")
		return 0
	}
	if !approved(p, sp.Plan, f.approve, s) { // due.go
		return 1
	}
	return execute(ctx, cfg, p, st, w.backend, client, f, jv, s)
}

// refuse prints why a saved plan is not applied.
func refuse(s Streams, err error) int {
	var stale *planner.StaleError
	var mismatch *planner.MismatchError
	switch {
	case errors.As(err, &stale):
		fmt.Fprintf(s.Err, "Error: Saved plan is stale: %s\n\nNothing was sent. Make a new plan with "+
			"lineup plan -out=FILE, review it, and apply that. If an apply of this plan was interrupted, "+
			"the new plan shows its unresolved sends, which apply retries with their retry keys.\n", stale.Why)
	case errors.As(err, &mismatch):
		fmt.Fprintf(s.Err, "Error: Saved plan does not match the configuration: %s\n\nNothing was sent. "+
			"Apply the plan with the configuration and input values it was made with, or make a new plan "+
			"with lineup plan -out=FILE and review it.\n", mismatch.Why)
	default:
		return fail(s, err)
	}
	return 1
}
