package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/google/uuid"
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// inputs are the flags every command that reads the configuration takes.
type inputs struct {
	vars     listFlag
	varFiles listFlag
	// unsetUnknown leaves variables without a value unknown (validate).
	unsetUnknown bool
}

func (in *inputs) register(fs *flag.FlagSet) {
	fs.Var(&in.vars, "var", "set a variable: `NAME=VALUE` (repeatable)")
	fs.Var(&in.varFiles, "var-file", "read variables from an HCL or JSON `FILE` (repeatable)")
}

// options are the loader options of in: its input values, the
// environment, and the inbox of the state sf names.
func (in inputs) options(ctx context.Context, sf stateFlags, s Streams) lang.Options {
	return lang.Options{
		Vars:                  in.vars,
		VarFiles:              in.varFiles,
		Env:                   s.Env,
		UnsetVariablesUnknown: in.unsetUnknown,
		Inbox:                 inboxReader(ctx, sf, s), // inbox.go
	}
}

// loadConfig loads the configuration in the working directory to
// evaluate it once, printing diagnostics. It returns nil after printing
// errors.
func loadConfig(in inputs, g global, s Streams) *lang.Config {
	opts := in.options(context.Background(), stateFlags{}, s)
	opts.Once = true
	cfg, diags := lang.Load(".", opts)
	var files map[string]*hcl.File
	if cfg != nil {
		files = cfg.Files
	}
	s.secrets.addConfig(cfg, s)
	printDiags(s.Err, files, diags, g, s)
	if diags.HasErrors() {
		return nil
	}
	return cfg
}

// withState is a configuration evaluated with the values known after
// apply that its state holds.
type withState struct {
	cfg     *lang.Config
	st      *state.State
	backend state.Backend
	// release gives back the state's lock, if one was taken, and closes
	// the backend.
	release func()
}

// loadWithState loads the configuration and its state, evaluating the
// configuration once: lang asks for the state's values as soon as the
// lineup block (which names the state file) is decoded. With lockOp, the
// state's lock is taken before the state is read; the caller releases
// it. Only apply, which evaluates the configuration again as results come
// in, needs again; the others load it to evaluate once (lang.Options.Once).
// It prints diagnostics and errors, and returns ok=false after them.
func loadWithState(ctx context.Context, in inputs, sf stateFlags, lockOp string, again bool, g global, s Streams) (w withState, ok bool) {
	w.release = func() {}
	var stateErr error
	opts := in.options(ctx, sf, s)
	opts.Once = !again
	opts.ResultsFrom = func(set lang.Settings) map[string]lang.Result {
		w.backend, w.release, w.st, stateErr = openState(ctx, set, sf, lockOp, s)
		if stateErr != nil {
			return nil
		}
		return planner.Results(w.st)
	}
	cfg, diags := lang.Load(".", opts)
	s.secrets.addConfig(cfg, s)
	printDiags(s.Err, cfg.Files, diags, g, s)
	if stateErr != nil {
		fmt.Fprintf(s.Err, "Error: %v\n", stateErr)
	}
	if diags.HasErrors() || stateErr != nil {
		w.release()
		return w, false
	}
	if lockOp != "" {
		w.st.LineupVersion = Version() // the state says which lineup wrote it
	}
	w.cfg = cfg
	return w, true
}

// openState opens the backend of set, takes its lock for lockOp (when
// not empty) and reads the state. release gives back the lock and closes
// the backend; on error, nothing is left to release.
func openState(ctx context.Context, set lang.Settings, sf stateFlags, lockOp string, s Streams) (
	b state.Backend, release func(), st *state.State, err error) {
	release = func() {}
	b, err = openBackend(ctx, set, sf, s) // backend.go
	if err != nil {
		return nil, release, nil, err
	}
	unlock := func() error { return nil }
	if lockOp != "" {
		unlock, err = b.Lock(ctx, lockOp, sf.lockTimeout)
		if err != nil {
			b.Close()
			return nil, release, nil, err
		}
	}
	release = func() {
		unlock()
		b.Close()
	}
	st, err = b.Load(ctx)
	if err != nil {
		release()
		return nil, func() {}, nil, fmt.Errorf("%w\n\nThe state was left as it is; lineup will not write over a state it cannot read", err)
	}
	return b, release, st, nil
}

func statePathOf(set lang.Settings) string {
	if set.StateFile == "" {
		return lang.DefaultStateFile
	}
	return filepath.Clean(set.StateFile)
}

// selection is what -replace and -target ask of a plan.
type selection struct {
	replace, targets listFlag
}

// register adds -replace and -target to fs.
func (sel *selection) register(fs *flag.FlagSet) {
	fs.Var(&sel.replace, "replace", "send `ADDR` again although it was sent before (repeatable)")
	fs.Var(&sel.targets, "target", "plan only `ADDR` and what it depends on (repeatable; for exceptions, not routine)")
}

// makePlan plans the configuration against st, printing diagnostics.
// sel, when not nil, is -replace and -target; quota, when not nil, is
// this month's quota read online.
func makePlan(cfg *lang.Config, st *state.State, sel *selection, quota *planner.Quota, g global, s Streams) (*planner.Plan, bool) {
	if sel == nil {
		sel = &selection{}
	}
	p, diags := planner.Make(cfg, st, planner.Options{
		Now:     s.Now,
		NewKey:  uuid.NewString,
		Replace: sel.replace,
		Targets: sel.targets,
		Quota:   quota,
	})
	printDiags(s.Err, cfg.Files, diags, g, s)
	return p, !diags.HasErrors()
}

// withReadFiles adds to files the other files diagnostics point into (a
// flex JSON file, a file of user IDs read with file_lines), read from
// disk, so their lines are shown too. A configuration file loaded to be
// evaluated once keeps only its text (lang.Options.Once); those that
// diagnostics point into are parsed again, so that each diagnostic names
// its enclosing block ("in push "welcome"").
func withReadFiles(files map[string]*hcl.File, diags hcl.Diagnostics) map[string]*hcl.File {
	out := make(map[string]*hcl.File, len(files))
	for name, f := range files {
		out[name] = f
	}
	for _, d := range diags {
		if d.Subject == nil {
			continue
		}
		name := d.Subject.Filename
		if f := out[name]; f != nil {
			if f.Body == nil && lang.IsConfigFile(filepath.Base(name)) {
				if parsed, d := lang.ParseSource(name, f.Bytes); !d.HasErrors() {
					out[name] = parsed
				}
			}
			continue
		}
		if data, err := lang.ReadFileLimited(name); err == nil {
			out[name] = &hcl.File{Bytes: data}
		}
	}
	return out
}
