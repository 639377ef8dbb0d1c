package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/plandoc"
	"github.com/lineupdev/lineup/planner/preview"
	"github.com/lineupdev/lineup/planner/preview/browser"
)

// previewFlags are the flags of lineup preview.
type previewFlags struct {
	inputs
	sandbox bool
	out     string
	offline bool
	png     bool
	browser string
}

// previewPageWidth is the width (CSS px) of the window the pictures are
// taken in: one send's section fits in it.
const previewPageWidth = 880

func runPreview(ctx context.Context, g global, args []string, s Streams) int {
	var f previewFlags
	fs := newFlags("preview [options]", "Draws every message apply would send, and every reply rule, as LINE shows "+
		"it: one self-contained HTML page in -out (no JavaScript; it loads only the messages' images). With -png, "+
		"also one picture per send, taken with headless Chromium.", s)
	f.inputs.register(fs)
	fs.BoolVar(&f.sandbox, "sandbox", false, "plan against the embedded LINE sandbox (kept in .lineup/sandbox)")
	fs.StringVar(&f.out, "out", filepath.Join(".lineup", "preview"), "write the page and pictures to `DIR`")
	fs.BoolVar(&f.offline, "offline", false, "draw every image as a placeholder naming its URL: the page loads nothing")
	fs.BoolVar(&f.png, "png", false, "also write one PNG per send (device scale 2) with headless Chromium")
	fs.StringVar(&f.browser, "browser", "", "the Chromium to run for -png (default: $LINEUP_BROWSER, else chromium, chromium-headless-shell or google-chrome on PATH)")
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	w, ok := loadWithState(ctx, f.inputs, stateFlags{}, "", false, g, s)
	if !ok {
		return exitError
	}
	p, ok := makePlan(w.cfg, w.st, nil, readQuota(ctx, w.cfg, f.sandbox, s), g, s)
	if !ok {
		return exitError
	}
	page := preview.New(plandoc.New(p), preview.Replies(w.cfg.Replies()), preview.Options{Offline: f.offline})
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return fail(s, fmt.Errorf("preview: %w", err))
	}
	var buf bytes.Buffer
	if err := page.Write(&buf); err != nil {
		return fail(s, err)
	}
	index := filepath.Join(f.out, "index.html")
	if err := os.WriteFile(index, buf.Bytes(), 0o644); err != nil {
		return fail(s, fmt.Errorf("preview: %w", err))
	}
	fmt.Fprintf(s.Out, "Wrote the preview of %d sends and reply rules to %s\n", len(page.Sends), index)
	if !f.png || len(page.Sends) == 0 {
		return 0
	}
	path := f.browser
	if path == "" {
		path = s.Getenv("LINEUP_BROWSER")
	}
	n, err := takePictures(ctx, path, index, page, f.out)
	if err != nil {
		return fail(s, fmt.Errorf("preview -png: %w (the HTML page is written)", err))
	}
	fmt.Fprintf(s.Out, "Wrote %d pictures to %s\n", n, f.out)
	return 0
}

// takePictures writes ADDRESS.png for each send of page, from one
// browser, and returns how many it wrote.
func takePictures(ctx context.Context, browserPath, index string, page *preview.Page, dir string) (int, error) {
	path, err := browser.Find(browserPath)
	if err != nil {
		return 0, err
	}
	b, err := browser.Start(ctx, path)
	if err != nil {
		return 0, err
	}
	defer b.Close()
	abs, err := filepath.Abs(index)
	if err != nil {
		return 0, err
	}
	sels := make([]string, len(page.Sends))
	for i, snd := range page.Sends {
		sels[i] = "#" + snd.ID
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	shots, err := b.Shots(u.String(), previewPageWidth, sels)
	if err != nil {
		return 0, err
	}
	for i, snd := range page.Sends {
		if err := os.WriteFile(filepath.Join(dir, preview.PictureName(snd.Address)), shots[i], 0o644); err != nil {
			return i, err
		}
	}
	return len(shots), nil
}

// thumbnails gives plan -format=markdown the URL of each picture lineup
// preview -png takes, under prefix, for the sends it draws. A query in
// prefix stays at the end: https://github.com/O/R/blob/SHA/DIR?raw=true
// gives .../DIR/push.a.png?raw=true.
func thumbnails(p *planner.Plan, prefix string) func(string) string {
	drawn := map[string]bool{}
	for _, c := range plandoc.New(p).Changes {
		if preview.Sendable(c) {
			drawn[c.Address] = true
		}
	}
	base, query, hasQuery := strings.Cut(prefix, "?")
	base = strings.TrimSuffix(base, "/") + "/"
	if hasQuery {
		query = "?" + query
	}
	return func(address string) string {
		if !drawn[address] {
			return ""
		}
		return base + url.PathEscape(preview.PictureName(address)) + query
	}
}
