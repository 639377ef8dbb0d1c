package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/render"
)

// How much of an apply progress prints: a line per finished change up to
// terminalLines on a terminal and pipeLines elsewhere, so that a large
// apply does not scroll thousands of lines; past that, on a terminal only
// the status line, which is redrawn every liveEvery, and elsewhere a
// progress line every pipeEvery. A failure group lists at most
// groupAddresses addresses.
const (
	terminalLines  = 10
	pipeLines      = 100
	liveEvery      = 200 * time.Millisecond
	pipeEvery      = 5 * time.Second
	groupAddresses = 10
)

// progress shows an apply to people as it goes and how it ended. On a
// terminal one status line (sent, retried, failed, left, rate, time left)
// stays on the last line for the whole run, below the first changes, and
// is left on screen at the end. At the end come the failures, each cause
// once with the addresses it failed, and after Ctrl-C how many were not
// sent.
type progress struct {
	s     Streams
	live  bool
	sum   planner.Summary
	limit int

	mu          sync.Mutex
	t           tally
	start       time.Time
	lines       int  // change lines printed
	drawn       bool // the status line is on screen
	interrupted bool
	ended       bool // Apply returned: the counts are final
	done        chan struct{}
	wg          sync.WaitGroup
}

func newProgress(s Streams, p *planner.Plan) *progress {
	live := s.OutTerminal && s.Getenv("TERM") != "dumb"
	if live {
		return startProgress(s, p, terminalLines, liveEvery)
	}
	return startProgress(s, p, pipeLines, pipeEvery)
}

// startProgress starts showing an apply of p: a line per change up to
// limit, and a status or progress line every interval.
func startProgress(s Streams, p *planner.Plan, limit int, every time.Duration) *progress {
	live := s.OutTerminal && s.Getenv("TERM") != "dumb"
	pr := &progress{s: s, live: live, sum: p.Summary(), t: newTally(p), start: s.Now(), done: make(chan struct{}),
		limit: limit}
	pr.wg.Add(1)
	go pr.tick(every)
	return pr
}

// report takes an applier event; it is called from many goroutines.
func (pr *progress) report(e applier.Event) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if !pr.t.add(e) {
		return
	}
	if pr.interrupted && e.Result == applier.Skipped {
		return // counted; the end says how many
	}
	if pr.lines >= pr.limit {
		if pr.lines == pr.limit {
			pr.clear()
			fmt.Fprintf(pr.s.Out, "(the other changes are counted, not listed; failures are listed at the end)\n")
			pr.lines++
			pr.redraw()
		}
		return
	}
	pr.lines++
	pr.clear()
	line := e.Address + ": " + e.Result.String()
	if e.Detail != "" {
		line += " " + e.Detail
	}
	if e.RequestID != "" {
		line += " (request " + e.RequestID + ")"
	}
	fmt.Fprintln(pr.s.Out, line)
	pr.redraw()
}

func (pr *progress) tick(every time.Duration) {
	defer pr.wg.Done()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-pr.done:
			return
		case <-t.C:
			pr.mu.Lock()
			switch {
			case pr.live:
				pr.draw()
			case pr.lines > pr.limit:
				fmt.Fprintf(pr.s.Out, "Progress: %s\n", pr.status())
			}
			pr.mu.Unlock()
		}
	}
}

// status is "1,200 sent, 0 retried, 0 failed, 1,800 left, 1,990/s, about
// 1s left".
func (pr *progress) status() string {
	t := &pr.t
	elapsed := pr.s.Now().Sub(pr.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(t.sent+t.forgot) / elapsed
	}
	out := fmt.Sprintf("%s sent, %s retried, %s failed, %s left, %s/s", render.Thousands(t.sent),
		render.Thousands(t.retried), render.Thousands(t.failed), render.Thousands(t.left()),
		render.Thousands(int(rate+0.5)))
	if left := t.left(); left > 0 && rate > 0 && !pr.ended {
		out += ", about " + (time.Duration(float64(left)/rate) * time.Second).Round(time.Second).String() + " left"
	}
	return out
}

// draw writes the status line over the terminal's last line.
func (pr *progress) draw() {
	fmt.Fprintf(pr.s.Out, "\r\033[K%s", pr.status())
	pr.drawn = true
}

// redraw puts the status line back after a line was printed above it.
func (pr *progress) redraw() {
	if pr.live {
		pr.draw()
	}
}

// clear erases the status line, for a line to be printed in its place.
func (pr *progress) clear() {
	if pr.drawn {
		fmt.Fprint(pr.s.Out, "\r\033[K")
		pr.drawn = false
	}
}

// stop ends the ticker; on a terminal the status line stays, with the
// final counts.
func (pr *progress) stop() {
	close(pr.done)
	pr.wg.Wait()
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.ended = true
	if pr.live {
		pr.draw()
		fmt.Fprintln(pr.s.Out)
		pr.drawn = false
	}
}

// interrupt is told of Ctrl-C: sends not started are counted from then
// on, not listed.
func (pr *progress) interrupt() {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.interrupted = true
	pr.clear()
	fmt.Fprintln(pr.s.Err, "\nInterrupted: starting no new requests; waiting for those in flight to be answered and recorded...")
	pr.redraw()
}

// end stops the status line and says how the apply ended: the failures,
// each cause once, and Apply's other errors.
func (pr *progress) end(err error, interrupted bool) int {
	pr.stop()
	pr.mu.Lock()
	defer pr.mu.Unlock()
	t := &pr.t
	if err == nil && !interrupted {
		fmt.Fprintf(pr.s.Out, "\nApply complete! %s.%s\n", applied(t.unsent(pr.sum), wordsDone), t.heldNote())
		return 0
	}
	notSent := t.left()
	fmt.Fprintf(pr.s.Err, "\nError: apply did not finish: %s sent, %s failed, %s not sent.\n",
		render.Thousands(t.sent), render.Thousands(t.failed), render.Thousands(notSent))
	for _, cause := range t.order {
		addrs := t.causes[cause]
		if len(addrs) == 1 {
			fmt.Fprintf(pr.s.Err, "\n  %s: %s\n", addrs[0], indent(cause))
			continue
		}
		slices.Sort(addrs)
		listed := strings.Join(addrs[:min(len(addrs), groupAddresses)], ", ")
		if more := len(addrs) - groupAddresses; more > 0 {
			listed += fmt.Sprintf(" and %s more", render.Thousands(more))
		}
		fmt.Fprintf(pr.s.Err, "\n  %s changes: %s\n    %s\n", render.Thousands(len(addrs)), indent(cause), listed)
	}
	for _, e := range unreported(err, t) {
		fmt.Fprintf(pr.s.Err, "\n  %s\n", indent(e.Error()))
	}
	if interrupted {
		fmt.Fprintf(pr.s.Err, "\nInterrupted: %s not sent. The sends in flight were recorded, and the next plan "+
			"shows what is left to do.\n", render.Thousands(notSent))
	}
	return 1
}

// unreported are the errors joined in err that are not a failure the
// tally holds: they are printed apart from the failure groups.
func unreported(err error, t *tally) []error {
	if err == nil {
		return nil
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	reported := map[string]bool{}
	for cause, addrs := range t.causes {
		for _, a := range addrs {
			reported[a+": "+cause] = true
		}
	}
	var out []error
	for _, e := range errs {
		if e == nil {
			continue
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			out = append(out, unreported(errors.Join(j.Unwrap()...), t)...)
			continue
		}
		if !reported[e.Error()] {
			out = append(out, e)
		}
	}
	return out
}

func indent(s string) string {
	return strings.ReplaceAll(s, "\n", "\n    ")
}

// watchInterrupt tells the view when Ctrl-C stops the apply. The returned
// func stops watching.
func watchInterrupt(ctx context.Context, view applyView) func() {
	stop := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			view.interrupt()
		case <-stop:
		}
	}()
	return func() { close(stop) }
}
