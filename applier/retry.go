package applier

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/planner"
)

// errUncertain marks a send error after which the request may have been
// accepted.
var errUncertain = fmt.Errorf("the outcome is unknown")

// request makes a send request with retries under one retry key, paced at
// endpoint's rate. Its error wraps errUncertain when some attempt may have
// been accepted. Requests in flight are not cancelled by ctx; once ctx is
// done no new attempt starts.
func (a *run) request(ctx context.Context, ch *planner.Change, endpoint string, do requestFunc, key string) (*accepted, error) {
	uncertain := false
	var last error
	for n := 1; n <= a.opts.Attempts; n++ {
		if n > 1 {
			a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: Retrying, Err: last})
			if sleep(ctx, a.opts.Backoff(n-1)) != nil || a.wait(ctx, endpoint) != nil {
				break
			}
		}
		res, err := do(context.WithoutCancel(ctx), key)
		if err == nil {
			return res, nil
		}
		last = err
		switch line.Classify(err) {
		case line.Unknown:
			uncertain = true
			continue
		case line.Throttled:
			continue
		}
		// Refused: a key accepted before would have given 409, so no
		// attempt under this key was accepted.
		return nil, err
	}
	if uncertain {
		return nil, fmt.Errorf("%w: %w", errUncertain, last)
	}
	return nil, last
}

// whileThrottled calls do until it succeeds, fails otherwise than by
// LINE's rate limit, or has been tried opts.Attempts times, backing off
// between tries; it is for the audience calls, which have no retry key.
// A 429 means LINE did nothing, so even creating an audience is safe to
// try again. Once ctx is done no new try starts.
func (a *run) whileThrottled(ctx context.Context, addr string, action planner.Action, do func() error) error {
	var err error
	for n := 1; n <= a.opts.Attempts; n++ {
		if n > 1 {
			a.opts.Report(Event{Address: addr, Action: action, Result: Retrying, Err: err})
			if sleep(ctx, a.opts.Backoff(n-1)) != nil || a.wait(ctx, "audience") != nil {
				break
			}
		}
		if err = do(); err == nil || line.Classify(err) != line.Throttled {
			return err
		}
	}
	return err
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// backoff is exponential from 200ms, capped at 10s, with up to 50% jitter
// so that retries of many sends do not arrive together.
func backoff(n int) time.Duration {
	d := 200 * time.Millisecond << (n - 1)
	if d > 10*time.Second || d <= 0 {
		d = 10 * time.Second
	}
	return d/2 + rand.N(d/2+1)
}
