package applier

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// Options are the applier's world.
type Options struct {
	Client    *line.Client
	StatePath string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Backoff is the wait before retry number n (1-based) of a send whose
	// outcome was unknown or throttled; nil means exponential from 200ms,
	// capped at 10s.
	Backoff func(n int) time.Duration
	// Attempts bounds the requests made for one send; zero means 6.
	Attempts int
	// Report, when set, is told of every finished change.
	Report func(Event)
}

// Event is a finished change, for progress output.
type Event struct {
	Address string
	Action  planner.Action
	// Result is "sent", "sent before" (409), "forgotten", "failed" or
	// "skipped".
	Result    string
	RequestID string
	Err       error
}

// Apply performs the plan's changes in order against LINE, writing st to
// opts.StatePath before and after every send. It returns the first
// problems it met joined in one error, after doing everything that did
// not depend on a failed change.
func Apply(ctx context.Context, cfg *lang.Config, p *planner.Plan, st *state.State, opts Options) error {
	a := &run{cfg: cfg, st: st, opts: opts, failed: map[string]bool{}}
	if a.opts.Now == nil {
		a.opts.Now = time.Now
	}
	if a.opts.Backoff == nil {
		a.opts.Backoff = backoff
	}
	if a.opts.Attempts == 0 {
		a.opts.Attempts = 6
	}
	if a.opts.Report == nil {
		a.opts.Report = func(Event) {}
	}
	var errs []error
	for _, ch := range p.Changes {
		if err := ctx.Err(); err != nil {
			errs = append(errs, fmt.Errorf("stopped: %w", err))
			break
		}
		if err := a.change(ctx, ch); err != nil {
			a.failed[ch.Address] = true
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// run is one apply in progress.
type run struct {
	cfg    *lang.Config
	st     *state.State
	opts   Options
	failed map[string]bool // addresses that failed or were skipped
}

func (a *run) change(ctx context.Context, ch *planner.Change) error {
	switch ch.Action {
	case planner.Forget:
		return a.forget(ch)
	case planner.Send, planner.Unresolved:
		for _, dep := range ch.Send.DependsOn {
			if a.failed[dep] {
				err := fmt.Errorf("%s: not sent, because %s it depends on was not sent", ch.Address, dep)
				a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: "skipped", Err: err})
				return err
			}
		}
		return a.send(ctx, ch)
	}
	return nil
}

func (a *run) forget(ch *planner.Change) error {
	rec := a.st.Sends[ch.Address]
	if rec == nil {
		return nil
	}
	rec.ForgottenAt = a.opts.Now().UTC()
	a.st.History = append(a.st.History, rec)
	delete(a.st.Sends, ch.Address)
	if err := a.write(); err != nil {
		return err
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: "forgotten"})
	return nil
}

func (a *run) write() error {
	if err := state.Write(a.opts.StatePath, a.st); err != nil {
		return fmt.Errorf("writing state: %w", err)
	}
	return nil
}

func backoff(n int) time.Duration {
	d := 200 * time.Millisecond << (n - 1)
	if d > 10*time.Second || d <= 0 {
		d = 10 * time.Second
	}
	return d
}
