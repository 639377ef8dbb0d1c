package cli

import (
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

// loadConfig loads the configuration in the working directory to
// evaluate it once, printing diagnostics. It returns nil after printing
// errors.
func loadConfig(in inputs, g global, s Streams) *lang.Config {
	cfg, diags := lang.Load(".", lang.Options{
		Vars:                  in.vars,
		VarFiles:              in.varFiles,
		Env:                   s.Env,
		UnsetVariablesUnknown: in.unsetUnknown,
		Inbox:                 readInbox, // inbox.go
		Once:                  true,
	})
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
	cfg  *lang.Config
	st   *state.State
	path string // the state file
	// release gives back the state's lock, if one was taken.
	release func()
}

// loadWithState loads the configuration and its state, evaluating the
// configuration once: lang asks for the state's values as soon as the
// lineup block (which names the state file) is decoded. With lockOp, the
// state's lock is taken before the state is read; the caller releases
// it. Only apply, which evaluates the configuration again as results come
// in, needs again; the others load it to evaluate once (lang.Options.Once).
// It prints diagnostics and errors, and returns ok=false after them.
func loadWithState(in inputs, lockOp string, again bool, g global, s Streams) (w withState, ok bool) {
	w.release = func() {}
	var stateErr error
	cfg, diags := lang.Load(".", lang.Options{
		Vars:     in.vars,
		VarFiles: in.varFiles,
		Env:      s.Env,
		Inbox:    readInbox, // inbox.go
		Once:     !again,
		ResultsFrom: func(set lang.Settings) map[string]lang.Result {
			w.path = statePathOf(set)
			if lockOp != "" {
				lock, err := state.Acquire(w.path, lockOp)
				if err != nil {
					stateErr = err
					return nil
				}
				w.release = func() { lock.Release() }
			}
			w.st, stateErr = state.Load(w.path)
			if stateErr != nil {
				stateErr = fmt.Errorf("%w\n\nThe state file was left as it is; lineup will not write over a state it cannot read", stateErr)
			}
			return planner.Results(w.st)
		},
	})
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

// statePath is where the configuration keeps its state.
func statePath(cfg *lang.Config) string {
	if cfg == nil {
		return lang.DefaultStateFile
	}
	return statePathOf(cfg.Settings)
}

func statePathOf(set lang.Settings) string {
	if set.StateFile == "" {
		return lang.DefaultStateFile
	}
	return filepath.Clean(set.StateFile)
}

// readState loads the state file, printing why it cannot be read.
func readState(path string, s Streams) (*state.State, bool) {
	st, err := state.Load(path)
	if err != nil {
		fmt.Fprintf(s.Err, "Error: %v\n\nThe state file was left as it is; lineup will not write over a state it cannot read.\n", err)
		return nil, false
	}
	return st, true
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
// disk, so their lines are shown too.
func withReadFiles(files map[string]*hcl.File, diags hcl.Diagnostics) map[string]*hcl.File {
	out := make(map[string]*hcl.File, len(files))
	for name, f := range files {
		out[name] = f
	}
	for _, d := range diags {
		if d.Subject == nil || out[d.Subject.Filename] != nil {
			continue
		}
		if data, err := lang.ReadFileLimited(d.Subject.Filename); err == nil {
			out[d.Subject.Filename] = &hcl.File{Bytes: data}
		}
	}
	return out
}
