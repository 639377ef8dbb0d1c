package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
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
	diags := readDir(p, dir, mod)
	mod.inbox = newInboxSource(dir, opts.Inbox)
	vars, d := mod.inputValues(p, opts)
	diags = append(diags, d...)
	g, d := buildGraph(mod)
	diags = append(diags, d...)
	ev := &evaluator{mod: mod, graph: g, files: p.Files(), dir: dir, vars: vars, results: opts.Results}
	sends, d := ev.evaluate(opts.Results)
	diags = append(diags, d...)
	return &Config{Dir: dir, Settings: mod.settings, Sends: sends, Audiences: ev.audiences, Files: ev.files, eval: ev}, diags
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

// readDir parses the configuration files of dir into mod.
func readDir(p *hclparse.Parser, dir string, mod *module) hcl.Diagnostics {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read configuration directory",
			Detail:   fmt.Sprintf("Reading %s failed: %s.", dir, err),
		}}
	}
	var diags hcl.Diagnostics
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".lineup.hcl") || strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
			continue
		}
		n++
		f, d := p.ParseHCLFile(filepath.Join(dir, name))
		diags = append(diags, d...)
		if f != nil && f.Body != nil {
			diags = append(diags, mod.addFile(f)...)
		}
	}
	if n == 0 {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "No configuration files",
			Detail:   fmt.Sprintf("The directory %s holds no *.lineup.hcl files.", dir),
		})
	}
	return diags
}
