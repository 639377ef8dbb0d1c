package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

func runValidate(ctx context.Context, g global, args []string, s Streams) int {
	var in inputs
	fs := newFlags("validate", "Checks the configuration in the current directory offline: the language, "+
		"references, and every LINE rule that can be checked before sending.", s)
	in.register(fs)
	asJSON := fs.Bool("json", false, "print the result as JSON (format_version 1.0) on stdout")
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	// Like terraform validate, validate checks the configuration for any
	// value of the variables it is not given.
	in.unsetUnknown = true
	cfg, diags := validateConfig(in, s)
	var files map[string]*hcl.File
	if cfg != nil {
		files = cfg.Files
	}
	s.secrets.addConfig(cfg, s)
	if *asJSON {
		return printValidateJSON(newValidateOutput(diags, withReadFiles(files, diags)), s)
	}
	printDiags(s.Err, files, diags, g, s)
	if diags.HasErrors() {
		return 1
	}
	fmt.Fprintf(s.Out, "Success! The configuration is valid (%d sends).\n", len(cfg.Sends))
	return 0
}

// validateConfig is what validate decides, with or without -json: it
// loads the configuration in the working directory with its inbox, as
// plan does, and, when the language has no errors, plans it against
// an empty state, which checks every send and reply rule against LINE's
// rules without reading or touching the real state. The diagnostics come
// sorted.
func validateConfig(in inputs, s Streams) (*lang.Config, hcl.Diagnostics) {
	opts := in.options(context.Background(), stateFlags{}, s)
	opts.Once = true
	cfg, diags := lang.Load(".", opts)
	if !diags.HasErrors() {
		_, d := planner.Make(cfg, state.New(), planner.Options{Now: s.Now, NewKey: uuid.NewString})
		diags = append(diags, d...)
	}
	lang.SortDiagnostics(diags)
	return cfg, diags
}

// printValidateJSON prints out, the result of validate -json.
func printValidateJSON(out *validateOutput, s Streams) int {
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		fmt.Fprintf(s.Err, "lineup validate: %v\n", err)
		return 1
	}
	fmt.Fprintf(s.Out, "%s\n", data)
	if !out.Valid {
		return 1
	}
	return 0
}

// validateOutput is the public JSON of lineup validate -json, modelled on
// terraform validate -json. Its fields change only with FormatVersion.
type validateOutput struct {
	FormatVersion string           `json:"format_version"`
	Valid         bool             `json:"valid"`
	ErrorCount    int              `json:"error_count"`
	WarningCount  int              `json:"warning_count"`
	Diagnostics   []jsonDiagnostic `json:"diagnostics"`
}

// jsonDiagnostic is one diagnostic; Range and Snippet are absent when it
// has no place in a file.
type jsonDiagnostic struct {
	Severity string       `json:"severity"` // "error" or "warning"
	Summary  string       `json:"summary"`
	Detail   string       `json:"detail"`
	Range    *jsonRange   `json:"range,omitempty"`
	Snippet  *jsonSnippet `json:"snippet,omitempty"`
}

type jsonRange struct {
	Filename string  `json:"filename"`
	Start    jsonPos `json:"start"`
	End      jsonPos `json:"end"`
}

// jsonPos is a position: line and column from 1, byte from 0.
type jsonPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

// jsonSnippet is the source around a diagnostic: Code holds the whole
// lines of the range, from StartLine; the highlight offsets are bytes
// into Code. Context names the enclosing block, when there is one.
type jsonSnippet struct {
	Context              *string `json:"context"`
	Code                 string  `json:"code"`
	StartLine            int     `json:"start_line"`
	HighlightStartOffset int     `json:"highlight_start_offset"`
	HighlightEndOffset   int     `json:"highlight_end_offset"`
}

func newValidateOutput(diags hcl.Diagnostics, files map[string]*hcl.File) *validateOutput {
	out := &validateOutput{FormatVersion: "1.0", Diagnostics: []jsonDiagnostic{}}
	for _, d := range diags {
		jd := jsonDiagnostic{Severity: "error", Summary: d.Summary, Detail: d.Detail}
		if d.Severity == hcl.DiagWarning {
			jd.Severity = "warning"
			out.WarningCount++
		} else {
			out.ErrorCount++
		}
		if d.Subject != nil {
			r := *d.Subject
			jd.Range = &jsonRange{
				Filename: r.Filename,
				Start:    jsonPos{Line: r.Start.Line, Column: r.Start.Column, Byte: r.Start.Byte},
				End:      jsonPos{Line: r.End.Line, Column: r.End.Column, Byte: r.End.Byte},
			}
			jd.Snippet = snippet(files[r.Filename], r)
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	out.Valid = out.ErrorCount == 0
	return out
}

// snippet cuts the lines of rng out of f, or returns nil when the range
// does not fit the file.
func snippet(f *hcl.File, rng hcl.Range) *jsonSnippet {
	if f == nil || rng.Start.Byte < 0 || rng.End.Byte > len(f.Bytes) || rng.Start.Byte > rng.End.Byte {
		return nil
	}
	src := f.Bytes
	start := bytes.LastIndexByte(src[:rng.Start.Byte], '\n') + 1
	end := len(src)
	if i := bytes.IndexByte(src[rng.End.Byte:], '\n'); i >= 0 {
		end = rng.End.Byte + i
	}
	if rng.End.Byte > rng.Start.Byte && rng.End.Byte > 0 && src[rng.End.Byte-1] == '\n' {
		end = rng.End.Byte - 1
	}
	if end < start {
		end = start
	}
	sn := &jsonSnippet{
		Code:                 string(src[start:end]),
		StartLine:            rng.Start.Line,
		HighlightStartOffset: rng.Start.Byte - start,
		HighlightEndOffset:   min(rng.End.Byte-start, end-start),
	}
	if cs, ok := f.Nav.(interface{ ContextString(offset int) string }); ok {
		if c := cs.ContextString(rng.Start.Byte); c != "" {
			sn.Context = &c
		}
	}
	return sn
}
