package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/plandoc"
	"github.com/lineupdev/lineup/planner/render"
)

// planFlags are the flags plan and apply share.
type planFlags struct {
	inputs
	selection
	stateFlags
	sandbox bool
}

// viewFlags choose how a plan is printed: -format, or -json for
// -format=json.
type viewFlags struct {
	format string
	json   bool
	// previewURL is where the pictures of lineup preview -png are
	// published, for markdown thumbnails.
	previewURL string
}

func (v *viewFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&v.format, "format", "human", "print the plan as `FORMAT`: human, markdown (for a pull-request comment) or json")
	fs.BoolVar(&v.json, "json", false, "print the plan as JSON (same as -format=json)")
	fs.StringVar(&v.previewURL, "preview-url", "", "with -format=markdown, show each send's picture from `PREFIX`/ADDRESS.png (lineup preview -png)")
}

// resolve returns the format, or an error for an unknown one.
func (v *viewFlags) resolve() (string, error) {
	if v.json {
		return "json", nil
	}
	switch v.format {
	case "human", "markdown", "json":
		return v.format, nil
	}
	return "", fmt.Errorf("-format=%s: the format must be human, markdown or json", v.format)
}

// Exit codes of plan -detailed-exitcode.
const (
	exitNoChanges = 0
	exitError     = 1
	exitChanges   = 2
)

func runPlan(ctx context.Context, g global, args []string, s Streams) int {
	var f planFlags
	var view viewFlags
	fs := newFlags("plan [options]", "Shows what apply would do: sends (+), sends changed after sending (!), "+
		"records to forget (.) and unresolved sends (?). It sends nothing and writes nothing, except the saved "+
		"plan with -out.", s)
	f.inputs.register(fs)
	f.stateFlags.register(fs)
	fs.BoolVar(&f.sandbox, "sandbox", false, "plan against the embedded LINE sandbox (kept in .lineup/sandbox)")
	f.selection.register(fs)
	out := fs.String("out", "", "save the plan to `FILE`, for lineup apply FILE to apply exactly it")
	detailed := fs.Bool("detailed-exitcode", false, "exit with 0 when there are no changes, 1 on error, 2 when there are changes")
	view.register(fs)
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	format, err := view.resolve()
	if err != nil {
		return fail(s, err)
	}
	var md *failedComment // a failed markdown plan still writes a comment
	if format == "markdown" {
		md = &failedComment{opts: markdownOptions(ctx, g, s)}
		g.noColor = true
		s = md.capture(s)
	}
	w, ok := loadWithState(ctx, f.inputs, f.stateFlags, "", false, g, s)
	if !ok {
		return md.failed(s)
	}
	w.release()
	cfg, st := w.cfg, w.st
	p, ok := makePlan(cfg, st, &f.selection, readQuota(ctx, cfg, f.sandbox, s), g, s)
	if !ok {
		return md.failed(s)
	}
	var saved *planner.Saved
	var doc *plandoc.Document // the saved plan's, which -json prints too
	if *out != "" {
		saved = planner.NewSaved(uuid.NewString(), cfg, p, f.replace)
		if doc, err = writeSaved(*out, saved); err != nil {
			return fail(s, err)
		}
	}
	mopts := md.options()
	if view.previewURL != "" {
		mopts.Thumbnail = thumbnails(p, view.previewURL)
	}
	if err := renderPlan(s.Out, p, doc, format, mopts, useColor(g, s)); err != nil {
		return fail(s, err)
	}
	if saved != nil && format == "human" {
		fmt.Fprintf(s.Out, "\nSaved the plan to %s (plan %s). To apply exactly this plan, run:\n  lineup apply %s\n",
			*out, saved.ID, *out)
	}
	if *detailed && !p.Summary().Empty() {
		return exitChanges
	}
	return exitNoChanges
}

// renderPlan prints p in format: "human", "markdown" or "json", through
// a buffer: a plan of thousands of changes is many small writes. The JSON
// of a saved plan is doc, the document of its file.
func renderPlan(out io.Writer, p *planner.Plan, doc *plandoc.Document, format string, md render.MarkdownOptions, color bool) error {
	w := bufio.NewWriterSize(out, 64<<10)
	var err error
	switch {
	case format == "markdown":
		err = render.Markdown(w, p, md)
	case format == "json" && doc != nil:
		err = plandoc.Encode(w, doc)
	case format == "json":
		err = render.JSON(w, p)
	default:
		err = render.Human(w, p, render.HumanOptions{Color: color})
	}
	return errors.Join(err, w.Flush())
}

// writeSaved writes a saved plan to path, readable by its owner only, and
// returns its document.
func writeSaved(path string, sp *planner.Saved) (*plandoc.Document, error) {
	doc, err := plandoc.Saved(sp)
	if err != nil {
		return nil, fmt.Errorf("saving the plan: %w", err)
	}
	var buf bytes.Buffer
	if err := plandoc.Encode(&buf, doc); err != nil {
		return nil, fmt.Errorf("saving the plan: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		return nil, fmt.Errorf("saving the plan: %w", err)
	}
	return doc, nil
}
