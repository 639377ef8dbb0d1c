package applier

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/rules"
	"github.com/lineupdev/lineup/planner/state"
)

// send performs one push exactly once: the pending record with its retry
// key is durable before the request leaves, the result is journalled
// after it returns.
func (a *run) send(ctx context.Context, ch *planner.Change) error {
	fail := func(err error) error {
		a.mu.Lock()
		a.failed[ch.Address] = true
		a.mu.Unlock()
		err = fmt.Errorf("%s: %w", ch.Address, err)
		a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: "failed", Err: err})
		return err
	}
	if a.quotaReached() {
		return fail(errors.New("not sent: LINE said the monthly limit is reached"))
	}
	body, err := a.body(ch)
	if err != nil {
		return fail(err)
	}
	if err := a.wait(ctx, "push"); err != nil {
		return a.notSent(ch, errors.New("not sent: apply was interrupted"))
	}
	rec, err := a.begin(ch, body)
	if err != nil {
		return fail(err)
	}
	res, err := a.push(ctx, ch, body, rec.RetryKey)
	if err != nil {
		if errors.Is(err, errUncertain) {
			valid := rec.FirstAttempt.Add(planner.KeyLifetime).Sub(a.opts.Now())
			return fail(fmt.Errorf("%w; run apply again to retry with the same retry key (valid for %s more)",
				err, valid.Round(time.Minute)))
		}
		// No attempt was accepted (a key accepted before would have given
		// 409): nothing was sent. Drop the pending record.
		if line.Classify(err) == line.QuotaExhausted {
			a.setQuotaReached()
		}
		a.mu.Lock()
		delete(a.st.Sends, ch.Address)
		a.mu.Unlock()
		return fail(errors.Join(err, a.journal.Drop(ch.Address, false)))
	}
	if err := a.finish(ch, rec, res); err != nil {
		return fail(err)
	}
	result := "sent"
	if res.Duplicate {
		result = "sent before"
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: result, RequestID: res.RequestID})
	return nil
}

// begin makes the pending record of a send durable and returns it. For an
// unresolved send it checks that the pending record can still be retried.
func (a *run) begin(ch *planner.Change, body map[string]any) (*state.Record, error) {
	digest := planner.Digest(body)
	now := a.opts.Now().UTC()
	a.mu.Lock()
	if ch.Action == planner.Unresolved {
		rec := a.st.Sends[ch.Address]
		a.mu.Unlock()
		if rec.Digest != digest {
			return nil, fmt.Errorf("the configuration changed since the interrupted attempt; " +
				"retrying with the same retry key could deliver either version, so lineup will not; " +
				"restore the configuration, or resolve the send with lineup state resolve")
		}
		if expires := rec.FirstAttempt.Add(planner.KeyLifetime); !now.Before(expires) {
			return nil, fmt.Errorf("its outcome is unknown and its retry key expired at %s, so a retry could "+
				"send it twice; check on LINE whether it was delivered, then run lineup state resolve %s -sent or -not-sent",
				expires.Format(time.RFC3339), ch.Address)
		}
		return rec, nil
	}
	if old := a.st.Sends[ch.Address]; old != nil && ch.Replace {
		old.ForgottenAt = now
		a.st.History = append(a.st.History, old)
	}
	to, _ := body["to"].(string)
	rec := &state.Record{
		Address: ch.Address, Status: state.Pending, RetryKey: ch.RetryKey,
		FirstAttempt: now, Digest: digest, To: to,
	}
	a.st.Sends[ch.Address] = rec
	copied := *rec
	a.mu.Unlock()
	if err := a.journal.Put(&copied, true); err != nil {
		return nil, fmt.Errorf("recording the retry key before sending: %w", err)
	}
	return rec, nil
}

// finish records an accepted send.
func (a *run) finish(ch *planner.Change, rec *state.Record, res *line.PushResult) error {
	a.mu.Lock()
	rec.Status = state.Sent
	rec.RequestID = res.RequestID
	rec.SentAt = a.opts.Now().UTC()
	rec.Sent = make([]state.SentMessage, len(res.Sent))
	for i, m := range res.Sent {
		rec.Sent[i] = state.SentMessage{ID: m.ID, QuoteToken: m.QuoteToken}
	}
	copied := *rec
	a.stale = true
	a.mu.Unlock()
	return a.journal.Put(&copied, false)
}

// body returns the send's final body, evaluating the configuration again
// when the plan held values known only after apply.
func (a *run) body(ch *planner.Change) (map[string]any, error) {
	if ch.Digest != "" {
		return ch.Send.Body, nil
	}
	a.mu.Lock()
	if a.stale {
		cfg, diags := a.cfg.Evaluate(planner.Results(a.st))
		if diags.HasErrors() {
			a.mu.Unlock()
			return nil, fmt.Errorf("evaluating with the values known after apply: %s", diags.Error())
		}
		a.evaluated, a.stale = cfg, false
	}
	send := find(a.evaluated, ch.Address)
	a.mu.Unlock()
	if send == nil {
		return nil, fmt.Errorf("no longer in the configuration")
	}
	if ref := unknownRef(send.Body); ref != "" {
		return nil, fmt.Errorf("%s is still unknown", ref)
	}
	if ps := rules.Push(send.Body); len(ps) > 0 {
		var msgs []string
		for _, p := range ps {
			msgs = append(msgs, p.Path+": "+p.Message)
		}
		return nil, fmt.Errorf("LINE would refuse it: %s", strings.Join(msgs, "; "))
	}
	return send.Body, nil
}

func (a *run) quotaReached() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.quotaOut
}

func (a *run) setQuotaReached() {
	a.mu.Lock()
	a.quotaOut = true
	a.mu.Unlock()
}

func find(cfg *lang.Config, addr string) *lang.Send {
	for _, s := range cfg.Sends {
		if s.Address() == addr {
			return s
		}
	}
	return nil
}

// errUncertain marks a send error after which the request may have been
// accepted.
var errUncertain = errors.New("the outcome is unknown")

// push sends with retries under one retry key. Its error wraps
// errUncertain when some attempt may have been accepted. Requests in
// flight are not cancelled by ctx; once ctx is done no new attempt starts.
func (a *run) push(ctx context.Context, ch *planner.Change, body map[string]any, key string) (*line.PushResult, error) {
	uncertain := false
	var last error
	for n := 1; n <= a.opts.Attempts; n++ {
		if n > 1 {
			a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: "retrying", Err: last})
			if sleep(ctx, a.opts.Backoff(n-1)) != nil || a.wait(ctx, "push") != nil {
				break
			}
		}
		res, err := a.opts.Client.Push(context.WithoutCancel(ctx), body, key)
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

// unknownRef returns the Ref of the first lang.Unknown in v, or "".
func unknownRef(v any) string {
	switch v := v.(type) {
	case lang.Unknown:
		return v.Ref
	case map[string]any:
		for _, x := range v {
			if r := unknownRef(x); r != "" {
				return r
			}
		}
	case []any:
		for _, x := range v {
			if r := unknownRef(x); r != "" {
				return r
			}
		}
	}
	return ""
}
