package applier

import (
	"context"
	"errors"
	"fmt"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// MaxMulticastUsers is how many users one multicast request may carry.
const MaxMulticastUsers = 500

// chunk returns the users of request i of a multicast body: to[i*500:]
// up to 500 of them.
func chunk(body map[string]any, i int) []any {
	to, _ := body["to"].([]any)
	lo := i * MaxMulticastUsers
	if lo >= len(to) {
		return nil
	}
	return to[lo:min(len(to), lo+MaxMulticastUsers)]
}

// multicast sends a multicast as requests of at most 500 users, each with
// its own retry key, all recorded under the one address. Parts sent
// before (an unresolved multicast) are skipped.
func (a *run) multicast(ctx context.Context, ch *planner.Change, body map[string]any) error {
	fail := a.failer(ch)
	rec, err := a.begin(ch, body)
	if err != nil {
		return fail(err)
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
		if a.wait(ctx, "multicast") != nil {
			errs = append(errs, errors.New("apply was interrupted; the next apply sends the remaining requests"))
			break
		}
		req := map[string]any{}
		for k, v := range body {
			req[k] = v
		}
		req["to"] = chunk(body, i)
		res, err := a.request(ctx, ch, "multicast", a.multicastRequester(req), part.RetryKey)
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
