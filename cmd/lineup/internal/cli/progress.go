package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/planner"
)

// progress shows an apply as it goes: a line per finished change, and on a
// terminal a live count below them (sent, retried, failed, left, rate).
type progress struct {
	s    Streams
	live bool
	sum  planner.Summary

	mu    sync.Mutex
	t     tally
	start time.Time
	drawn bool
	done  chan struct{}
	wg    sync.WaitGroup
}

func newProgress(s Streams, p *planner.Plan) *progress {
	live := s.OutTerminal && s.Getenv("TERM") != "dumb"
	pr := &progress{s: s, live: live, sum: p.Summary(), t: newTally(p), start: s.Now(), done: make(chan struct{})}
	if pr.live {
		pr.wg.Add(1)
		go pr.tick()
	}
	return pr
}

// report takes an applier event; it is called from many goroutines.
func (pr *progress) report(e applier.Event) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if !pr.t.add(e) {
		return
	}
	pr.clear()
	if e.Err != nil {
		fmt.Fprintln(pr.s.Err, e.Err)
		return
	}
	line := e.Address + ": " + e.Result.String()
	if e.Detail != "" {
		line += " " + e.Detail
	}
	if e.RequestID != "" {
		line += " (request " + e.RequestID + ")"
	}
	fmt.Fprintln(pr.s.Out, line)
}

// end stops the live count and says how the apply ended.
func (pr *progress) end(err error, interrupted bool) int {
	pr.stop()
	if interrupted {
		err = errors.Join(err, errors.New("apply was interrupted; the sends in flight were recorded, "+
			"and the next plan shows what is left to do"))
	}
	if err != nil {
		fmt.Fprintf(pr.s.Err, "\nError: apply did not finish:\n  %s\n", strings.ReplaceAll(err.Error(), "\n", "\n  "))
		return 1
	}
	fmt.Fprintf(pr.s.Out, "\nApply complete! %s.\n", applied(pr.sum, "sent", "forgotten", "created", "updated", "replaced", "deleted"))
	return 0
}

func (pr *progress) tick() {
	defer pr.wg.Done()
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-pr.done:
			return
		case <-t.C:
			pr.mu.Lock()
			pr.draw()
			pr.mu.Unlock()
		}
	}
}

// draw writes the live count on the terminal's last line.
func (pr *progress) draw() {
	elapsed := pr.s.Now().Sub(pr.start).Seconds()
	t := &pr.t
	rate := 0.0
	if elapsed > 0 {
		rate = float64(t.sent) / elapsed
	}
	fmt.Fprintf(pr.s.Out, "\r\033[K%d sent, %d retried, %d failed, %d left, %.0f/s",
		t.sent, t.retried, t.failed+t.notSent, t.left(), rate)
	pr.drawn = true
}

func (pr *progress) clear() {
	if pr.drawn {
		fmt.Fprint(pr.s.Out, "\r\033[K")
		pr.drawn = false
	}
}

func (pr *progress) stop() {
	close(pr.done)
	pr.wg.Wait()
	pr.mu.Lock()
	pr.clear()
	pr.mu.Unlock()
}

// watchInterrupt tells the user what happens after Ctrl-C. The returned
// func stops watching.
func watchInterrupt(ctx context.Context, s Streams) func() {
	stop := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			fmt.Fprintln(s.Err, "\nInterrupted: starting no new requests; waiting for those in flight to be answered and recorded...")
		case <-stop:
		}
	}()
	return func() { close(stop) }
}
