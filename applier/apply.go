package applier

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// Options are the applier's world.
type Options struct {
	Client *line.Client
	// Backend keeps the state: its journal records every send before
	// and after its request, and the state is committed at the end.
	Backend state.Backend
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Backoff is the wait before retry number n (1-based) of a send whose
	// outcome was unknown or throttled; nil means exponential from 200ms,
	// capped at 10s, with jitter.
	Backoff func(n int) time.Duration
	// Attempts bounds the requests made for one send; zero means 8.
	Attempts int
	// Parallelism caps the requests in flight; zero means 16.
	Parallelism int
	// Limits are the request rates per endpoint; nil means LINE's
	// (DefaultLimits).
	Limits Limits
	// Report, when set, is told of every finished change and every retry.
	// It is called from many goroutines.
	Report func(Event)
	// PollInterval is the first wait between readings of a narrowcast's
	// progress or an audience's status (growing to 30s); zero means 2s.
	PollInterval time.Duration
	// WaitTimeout bounds how long apply waits for a narrowcast to finish
	// or an audience to become READY; zero means 30 minutes.
	WaitTimeout time.Duration
}

// Event is a finished change, or a retry, for progress output.
type Event struct {
	Address   string
	Action    planner.Action
	Result    Result
	RequestID string
	// Detail, for display, says more about the result: "in 3 requests"
	// for a multicast.
	Detail string
	Err    error
}

// Apply performs the plan's changes against LINE: each change after the
// changes it depends on, up to opts.Parallelism at once, within LINE's
// rate limits. Before a request leaves, its retry key is durable in the
// state's journal; results are journalled as they come back and committed
// to the state at the end. When ctx is cancelled, Apply starts no
// new request, lets those in flight finish and records them.
//
// The error joins every problem met; Apply still does everything that did
// not depend on a failed change.
func Apply(ctx context.Context, cfg *lang.Config, p *planner.Plan, st *state.State, opts Options) (err error) {
	a := newRun(cfg, st, opts)
	j, err := opts.Backend.OpenJournal(ctx, st)
	if err != nil {
		return err
	}
	// A change the journal cannot keep (a lost database connection, a
	// full disk) stops the apply as an interrupt does: no new request
	// leaves, since its retry key could not be kept first.
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	a.journal = stopping{j, stop}
	defer func() {
		err = errors.Join(err, a.journal.Close(), a.fold())
	}()
	done := map[string]chan struct{}{}
	for _, ch := range p.Changes {
		done[ch.Address] = make(chan struct{})
	}
	var wg sync.WaitGroup
	errs := make([]error, len(p.Changes))
	for i, ch := range p.Changes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(done[ch.Address])
			errs[i] = a.schedule(ctx, ch, done)
		}()
	}
	wg.Wait()
	a.recordReplies(p)
	return errors.Join(append(errs, a.deleteReplaced(ctx))...)
}

// run is one apply in progress.
type run struct {
	opts     Options
	journal  state.Recorder
	sem      chan struct{}
	limiters map[string]*limiter

	mu           sync.Mutex // guards what follows
	cfg          *lang.Config
	st           *state.State
	failed       map[string]bool  // addresses that failed or were not sent
	quotaOut     bool             // LINE said the monthly limit is reached
	evaluatedCfg *lang.Config     // cfg evaluated with the results so far
	stale        bool             // results changed since evaluatedCfg
	deleteLater  []state.Audience // replaced audiences, deleted at the end
}

func newRun(cfg *lang.Config, st *state.State, opts Options) *run {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Backoff == nil {
		opts.Backoff = backoff
	}
	if opts.Attempts == 0 {
		opts.Attempts = 8
	}
	if opts.Parallelism <= 0 {
		opts.Parallelism = 16
	}
	if opts.Limits == nil {
		opts.Limits = DefaultLimits
	}
	if opts.Report == nil {
		opts.Report = func(Event) {}
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = 2 * time.Second
	}
	if opts.WaitTimeout == 0 {
		opts.WaitTimeout = 30 * time.Minute
	}
	return &run{
		opts: opts, cfg: cfg, st: st, failed: map[string]bool{}, stale: true,
		sem: make(chan struct{}, opts.Parallelism), limiters: opts.Limits.limiters(),
	}
}

// schedule waits for the change's dependencies and a free slot, then
// performs it.
func (a *run) schedule(ctx context.Context, ch *planner.Change, done map[string]chan struct{}) error {
	var deps []string
	switch {
	case ch.Action == planner.Forget:
		return a.forget(ch)
	case ch.Action == planner.NoOp && ch.Repoint:
		deps = ch.Send.DependsOn
	case ch.Follows():
		return a.followAgain(ctx, ch)
	case ch.Action == planner.NoOp || ch.Action == planner.Changed:
		return nil
	case ch.Audience != nil:
		deps = ch.Audience.DependsOn
	case ch.Send != nil:
		deps = ch.Send.DependsOn
	}
	for _, dep := range deps {
		if c, ok := done[dep]; ok {
			<-c
		}
		if a.isFailed(dep) {
			return a.notSent(ch, fmt.Errorf("not %s, because %s it depends on failed", verb(ch), dep))
		}
	}
	if ch.Repoint {
		return a.repoint(ctx, ch) // follow.go
	}
	select {
	case a.sem <- struct{}{}:
	case <-ctx.Done():
		if cause := context.Cause(ctx); cause != ctx.Err() && !errors.Is(cause, context.Canceled) {
			return a.notSent(ch, errors.New("not sent: the state could not be recorded"))
		}
		return a.notSent(ch, fmt.Errorf("not sent: apply was interrupted"))
	}
	defer func() { <-a.sem }()
	if ch.Audience != nil || ch.PriorAudience != nil {
		return a.audience(ctx, ch)
	}
	return a.send(ctx, ch)
}

// verb is what is done to the change's address: "created" for an
// audience, "sent" for a send.
func verb(ch *planner.Change) string {
	if ch.IsAudience() {
		return "created"
	}
	return "sent"
}

func (a *run) isFailed(addr string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.failed[addr]
}

// notSent reports a change that was not attempted.
func (a *run) notSent(ch *planner.Change, err error) error {
	a.mu.Lock()
	a.failed[ch.Address] = true
	a.mu.Unlock()
	err = fmt.Errorf("%s: %w", ch.Address, err)
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: Skipped, Err: err})
	return err
}

func (a *run) forget(ch *planner.Change) error {
	a.mu.Lock()
	rec := a.st.Sends[ch.Address]
	if rec == nil {
		a.mu.Unlock()
		return nil
	}
	rec.ForgottenAt = a.opts.Now().UTC()
	a.st.History = append(a.st.History, rec)
	delete(a.st.Sends, ch.Address)
	a.mu.Unlock()
	if err := a.journal.Forget(rec, false); err != nil {
		return fmt.Errorf("%s: %w", ch.Address, err)
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: Forgotten})
	return nil
}

// stopping is a Recorder that calls stop on its first failure.
type stopping struct {
	state.Recorder
	stop context.CancelCauseFunc
}

func (s stopping) check(err error) error {
	if err != nil {
		s.stop(err)
	}
	return err
}

func (s stopping) Put(r *state.Record, durable bool) error {
	return s.check(s.Recorder.Put(r, durable))
}

func (s stopping) Forget(r *state.Record, durable bool) error {
	return s.check(s.Recorder.Forget(r, durable))
}

func (s stopping) Drop(address string, durable bool) error {
	return s.check(s.Recorder.Drop(address, durable))
}

func (s stopping) PutAudience(a *state.Audience, durable bool) error {
	return s.check(s.Recorder.PutAudience(a, durable))
}

func (s stopping) DropAudience(address string, durable bool) error {
	return s.check(s.Recorder.DropAudience(address, durable))
}

// fold commits the state with everything journalled, even after ctx was
// cancelled: what was recorded must be kept.
func (a *run) fold() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.opts.Backend.Commit(context.Background(), a.st); err != nil {
		return fmt.Errorf("writing state: %w (the journal keeps every result it recorded; the next run reads it)", err)
	}
	return nil
}
