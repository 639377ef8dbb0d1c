package lang

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/lineupdev/lineup/lang/parallel"
)

// Load reads every *.lineup.hcl file directly in dir (name order; files
// starting with "." or ending with "~" skipped), decodes, merges, orders
// and evaluates them. Ranges name files as filepath.Join(dir, name).
//
// Load always returns a Config; when the diagnostics hold errors, use it
// only to render them (Files) or for further validation, never to plan or
// apply. Values known after apply of sends in opts.Results are known;
// those of other sends appear as Unknown.
func Load(dir string, opts Options) (*Config, hcl.Diagnostics) {
	p := hclparse.NewParser()
	mod := newModule()
	files, diags, syntaxErrors := readDir(dir, mod)
	if syntaxErrors {
		// What follows a syntax error was not read: checking references
		// to it, or evaluating, would only report blocks that are fine.
		SortDiagnostics(diags)
		return &Config{Dir: dir, Settings: mod.settings, Files: files}, diags
	}
	if opts.Once {
		for name, f := range files {
			files[name] = &hcl.File{Bytes: f.Bytes} // the syntax lives on in mod, block by block
		}
	}
	results := make(chan map[string]Result, 1)
	if opts.ResultsFrom != nil {
		// The state is read while the graph is built.
		go func(set Settings) { results <- opts.ResultsFrom(set) }(mod.settings)
	} else {
		results <- opts.Results
	}
	mod.inbox = newInboxSource(dir, opts.Inbox)
	vars, d := mod.inputValues(p, opts)
	diags = append(diags, d...)
	g, d := buildGraph(mod)
	diags = append(diags, d...)
	opts.Results = <-results
	for name, f := range p.Files() { // -var-file files, for their diagnostics
		files[name] = f
	}
	ev := &evaluator{mod: mod, graph: g, files: files, dir: dir, vars: vars, results: opts.Results, once: opts.Once,
		parallelMin: cmp.Or(opts.ParallelMin, defaultParallelMin), reads: &fileReads{}}
	sends, d := ev.evaluate(opts.Results)
	diags = append(diags, d...)
	SortDiagnostics(diags)
	return &Config{Dir: dir, Settings: mod.settings, Sends: sends, Audiences: ev.audiences, Files: ev.files, eval: ev,
		Policy: mod.policy, Rules: mod.ruleList(vars)}, diags
}

// Evaluate evaluates the configuration again with more values known after
// apply (results, on top of the Options.Results given to Load), and
// returns a new Config whose Sends are in the same order. Variables keep
// the values Load found. c itself is not changed.
func (c *Config) Evaluate(results map[string]Result) (*Config, hcl.Diagnostics) {
	if c == nil || c.eval == nil {
		return c, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Configuration not loaded",
			Detail:   "Evaluate needs a Config returned by Load.",
		}}
	}
	if c.eval.once {
		return c, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Configuration evaluated once",
			Detail:   "Evaluate needs a Config loaded without Options.Once.",
		}}
	}
	merged := map[string]Result{}
	for k, v := range c.eval.results {
		merged[k] = v
	}
	for k, v := range results {
		merged[k] = v
	}
	ev := *c.eval
	ev.results = merged
	sends, diags := ev.evaluate(merged)
	out := *c
	out.Sends = sends
	out.Audiences = ev.audiences
	out.eval = &ev
	return &out, diags
}

// readDir parses the configuration files of dir into mod. syntaxErrors
// says whether a file could not be parsed.
func readDir(dir string, mod *module) (files map[string]*hcl.File, diags hcl.Diagnostics, syntaxErrors bool) {
	files = map[string]*hcl.File{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return files, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read configuration directory",
			Detail:   fmt.Sprintf("Reading %s failed: %s.", dir, err),
		}}, false
	}
	var names []string
	var total int64
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !IsConfigFile(name) {
			continue
		}
		full := filepath.Join(dir, name)
		size, err := checkConfigFile(dir, full)
		if err != nil {
			diags = append(diags, fileDiag("Configuration file not read", fmt.Sprintf("%s is not read: %s.", full, err)))
			syntaxErrors = true
			continue
		}
		if total += size; total > MaxConfigBytes {
			diags = append(diags, fileDiag("Configuration too large", fmt.Sprintf(
				"The *.lineup.hcl files of %s hold more than %d MiB, the limit; %s and the files after it are not read.", dir, MaxConfigBytes>>20, full)))
			return files, diags, true
		}
		names = append(names, full)
	}
	for _, r := range parseFiles(names) {
		diags = append(diags, r.diags...)
		syntaxErrors = syntaxErrors || r.syntaxErrors
		if r.file != nil {
			files[r.name] = r.file
			diags = append(diags, mod.addDecls(r.decls)...)
		}
	}
	if len(names) == 0 && !syntaxErrors {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "No configuration files",
			Detail:   fmt.Sprintf("The directory %s holds no *.lineup.hcl files.", dir),
		})
	}
	return files, diags, syntaxErrors
}

// IsConfigFile reports whether a file named name, directly in the
// configuration directory, is one Load reads: *.lineup.hcl, not hidden
// (".") nor a backup ("~").
func IsConfigFile(name string) bool {
	return strings.HasSuffix(name, ".lineup.hcl") && !strings.HasPrefix(name, ".") && !strings.HasSuffix(name, "~")
}

// parsed is one parsed and decoded configuration file.
type parsed struct {
	name  string
	file  *hcl.File
	decls []decl
	diags hcl.Diagnostics
	// syntaxErrors says whether the file could not be parsed.
	syntaxErrors bool
}

// parseFiles parses and decodes the files on every core and returns them
// in the order given, so merging and its diagnostics stay in name order.
func parseFiles(names []string) []parsed {
	out := make([]parsed, len(names))
	parallel.For(len(names), func(i int) { out[i] = parseFile(names[i]) })
	return out
}

// ParseSource parses src, the text of the configuration file name, as
// Load does: text that breaks a limit of docs/security.md is refused
// before hcl's parser sees it. On errors the file holds only the text.
func ParseSource(name string, src []byte) (*hcl.File, hcl.Diagnostics) {
	if d := checkSource(name, src); d != nil {
		return &hcl.File{Bytes: src}, hcl.Diagnostics{d}
	}
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if f == nil {
		f = &hcl.File{Bytes: src}
	}
	return f, oneErrorPerString(diags)
}

func parseFile(name string) parsed {
	src, err := ReadConfigFile(name)
	if err != nil {
		return parsed{name: name, diags: hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Failed to read file",
			Detail:   fmt.Sprintf("The configuration file %q could not be read: %s.", name, err),
		}}}
	}
	f, diags := ParseSource(name, src)
	out := parsed{name: name, file: f, diags: diags, syntaxErrors: diags.HasErrors()}
	if f != nil && f.Body != nil {
		decls, d := decodeFile(f)
		out.decls, out.diags = decls, append(out.diags, d...)
	}
	return out
}
