// Package browser drives a headless Chromium through chromedp
// (github.com/chromedp/chromedp) to take pictures of preview pages: one
// browser for a whole run, an element's PNG at device scale 2. It is
// used by `lineup preview -png` and by the browser tests of package
// preview. It finds the system's browser and never downloads one.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Names are the browser commands looked for on PATH, in order. Debian's
// chromium-headless-shell must be named: chromedp's own search does not
// know it.
var Names = []string{"chromium", "chromium-headless-shell", "headless_shell", "google-chrome", "google-chrome-stable", "chromium-browser"}

// ErrNotFound is returned by Find when no browser is on PATH.
var ErrNotFound = errors.New("no Chromium found on PATH (chromium, chromium-headless-shell or google-chrome); " +
	"install one (Debian: apt-get install chromium fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji fonts-roboto) " +
	"or give its path with -browser=PATH or LINEUP_BROWSER")

// Find is the browser to run: path when given (it must exist), else the
// first of Names on PATH.
func Find(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("browser %s: %w", path, err)
		}
		return p, nil
	}
	for _, n := range Names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Browser is one running headless browser.
type Browser struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Start runs the browser at path, headless, until Close or the end of
// ctx.
func Start(ctx context.Context, path string) (*Browser, error) {
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts, chromedp.ExecPath(path), chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"), chromedp.Flag("force-color-profile", "srgb"))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return &Browser{ctx: bctx, cancel: func() { bcancel(); acancel() }}, nil
}

// Close stops the browser.
func (b *Browser) Close() { b.cancel() }

// Tab opens a new tab of width px and device scale factor scale; the
// caller cancels it when done.
func (b *Browser) Tab(width int64, scale float64) (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800, chromedp.EmulateScale(scale))); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("opening a tab: %w", err)
	}
	return ctx, cancel, nil
}

// Shots loads url in a new tab of the given width at device scale 2 and
// returns a PNG of each element selected (CSS selectors, by ID), in
// order.
func (b *Browser) Shots(url string, width int64, selectors []string) ([][]byte, error) {
	ctx, cancel, err := b.Tab(width, 2)
	if err != nil {
		return nil, err
	}
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	out := make([][]byte, len(selectors))
	for i, sel := range selectors {
		if out[i], err = chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel))); err != nil {
			return nil, fmt.Errorf("picture of %s: %w", sel, err)
		}
	}
	return out, nil
}
