package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
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
}

func (in *inputs) register(fs *flag.FlagSet) {
	fs.Var(&in.vars, "var", "set a variable: `NAME=VALUE` (repeatable)")
	fs.Var(&in.varFiles, "var-file", "read variables from an HCL or JSON `FILE` (repeatable)")
}

// loadConfig loads the configuration in the working directory, printing
// diagnostics. It returns nil after printing errors.
func loadConfig(in inputs, g global, s Streams) *lang.Config {
	cfg, diags := lang.Load(".", lang.Options{
		Vars:     in.vars,
		VarFiles: in.varFiles,
		Env:      os.Environ(),
		Inbox:    readInbox, // inbox.go
	})
	var files map[string]*hcl.File
	if cfg != nil {
		files = cfg.Files
	}
	printDiags(s.Err, files, diags, g, s)
	if diags.HasErrors() {
		return nil
	}
	return cfg
}

// evaluate evaluates cfg again with the values known after apply that st
// holds, printing diagnostics. It returns nil after printing errors.
func evaluate(cfg *lang.Config, st *state.State, g global, s Streams) *lang.Config {
	res := planner.Results(st)
	if len(res) == 0 {
		return cfg
	}
	out, diags := cfg.Evaluate(res)
	printDiags(s.Err, cfg.Files, diags, g, s)
	if diags.HasErrors() {
		return nil
	}
	return out
}

// statePath is where the configuration keeps its state.
func statePath(cfg *lang.Config) string {
	if cfg == nil || cfg.Settings.StateFile == "" {
		return "lineup.state.json"
	}
	return filepath.Clean(cfg.Settings.StateFile)
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

// makePlan plans the configuration against st, printing diagnostics.
func makePlan(cfg *lang.Config, st *state.State, replace []string, g global, s Streams) (*planner.Plan, bool) {
	p, diags := planner.Make(cfg, st, planner.Options{
		Now:     clock(),
		NewKey:  uuid.NewString,
		Replace: replace,
	})
	printDiags(s.Err, cfg.Files, diags, g, s)
	return p, !diags.HasErrors()
}

// printDiags writes diagnostics with their source lines.
func printDiags(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics, g global, s Streams) {
	if len(diags) == 0 {
		return
	}
	wr := hcl.NewDiagnosticTextWriter(w, files, 78, useColor(g, Streams{OutTerminal: s.OutTerminal}))
	_ = wr.WriteDiagnostics(diags)
}
