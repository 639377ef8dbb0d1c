package applier

import (
	"context"
	"errors"
	"fmt"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/rules"
	"github.com/lineupdev/lineup/planner/state"
)

// multicast sends a multicast as the requests of rules.SplitMulticast (at
// most 500 users each), each with its own retry key, all recorded under
// the one address. Parts sent before (an unresolved multicast) are
// skipped.
func (a *run) multicast(ctx context.Context, ch *planner.Change, body map[string]any) error {
	fail := a.failer(ch)
	rec, err := a.begin(ch, body)
	if err != nil {
		return fail(err)
	}
	requests := rules.SplitMulticast(body)
	if len(requests) < len(rec.Parts) {
		return fail(fmt.Errorf("not sent: it takes %d requests and its record has %d parts", len(requests), len(rec.Parts)))
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: Sending})
	var errs []error
	for i := range rec.Parts {
		a.mu.Lock()
		part := rec.Parts[i]
		a.mu.Unlock()
		if part.Status == state.Sent {
			continue
		}
		if a.wait(ctx, string(lang.KindMulticast)) != nil {
			errs = append(errs, errors.New("apply was interrupted; the next apply sends the remaining requests"))
			break
		}
		res, err := a.request(ctx, ch, string(lang.KindMulticast), a.multicastRequester(requests[i]), part.RetryKey)
		if err != nil {
			if line.Classify(err) == line.QuotaExhausted {
				a.setQuotaReached()
			}
			errs = append(errs, fmt.Errorf("request %d of %d: %w", i+1, len(rec.Parts), err))
			continue
		}
		if err := a.finishPart(rec, i, res); err != nil {
			return fail(err)
		}
	}
	if len(errs) > 0 {
		return fail(fmt.Errorf("%w; the requests that were accepted are recorded, and the next apply "+
			"retries the others with their own retry keys", errors.Join(errs...)))
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: Sent,
		Detail: fmt.Sprintf("in %d requests", len(rec.Parts))})
	return nil
}

func (a *run) multicastRequester(body map[string]any) requestFunc {
	return func(ctx context.Context, key string) (*accepted, error) {
		res, err := a.opts.Client.Multicast(ctx, body, key)
		if err != nil {
			return nil, err
		}
		return &accepted{RequestID: res.RequestID, Duplicate: res.Duplicate}, nil
	}
}

// finishPart records an accepted request of a multicast, and the whole
// multicast as sent once every part is.
func (a *run) finishPart(rec *state.Record, i int, res *accepted) error {
	a.mu.Lock()
	rec.Parts[i].Status = state.Sent
	rec.Parts[i].RequestID = res.RequestID
	all := true
	for _, p := range rec.Parts {
		all = all && p.Status == state.Sent
	}
	if all {
		rec.Status = state.Sent
		rec.SentAt = a.opts.Now().UTC()
		a.stale = true
	}
	copied := *rec
	copied.Parts = append([]state.Part(nil), rec.Parts...)
	a.mu.Unlock()
	return a.journal.Put(&copied, false)
}
