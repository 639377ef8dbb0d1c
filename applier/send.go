package applier

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/rules"
	"github.com/lineupdev/lineup/planner/state"
)

// send performs one push exactly once: the pending record with its retry
// key is on disk before the request leaves, the result after it returns.
func (a *run) send(ctx context.Context, ch *planner.Change) error {
	fail := func(err error) error {
		err = fmt.Errorf("%s: %w", ch.Address, err)
		a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: "failed", Err: err})
		return err
	}
	body, err := a.body(ch)
	if err != nil {
		return fail(err)
	}
	rec, err := a.begin(ch, body)
	if err != nil {
		return fail(err)
	}
	res, err := a.push(ctx, body, rec.RetryKey)
	if err != nil {
		if !errors.Is(err, errUncertain) {
			// LINE refused every attempt: nothing was sent, and the key was
			// never accepted. Drop the pending record.
			delete(a.st.Sends, ch.Address)
			if werr := a.write(); werr != nil {
				return fail(errors.Join(err, werr))
			}
			return fail(err)
		}
		valid := rec.FirstAttempt.Add(planner.KeyLifetime).Sub(a.opts.Now())
		return fail(fmt.Errorf("%w; run apply again to retry with the same retry key (valid for %s more)",
			err, valid.Round(time.Minute)))
	}
	rec.Status = state.Sent
	rec.RequestID = res.RequestID
	rec.SentAt = a.opts.Now().UTC()
	rec.Sent = make([]state.SentMessage, len(res.Sent))
	for i, m := range res.Sent {
		rec.Sent[i] = state.SentMessage{ID: m.ID, QuoteToken: m.QuoteToken}
	}
	if err := a.write(); err != nil {
		return fail(err)
	}
	result := "sent"
	if res.Duplicate {
		result = "sent before"
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: result, RequestID: res.RequestID})
	return nil
}

// begin writes the pending record of a send to disk and returns it. For an
// unresolved send it checks that the pending record can still be retried.
func (a *run) begin(ch *planner.Change, body map[string]any) (*state.Record, error) {
	digest := planner.Digest(body)
	now := a.opts.Now().UTC()
	if ch.Action == planner.Unresolved {
		rec := a.st.Sends[ch.Address]
		if rec.Digest != digest {
			return nil, fmt.Errorf("the configuration changed since the interrupted attempt; " +
				"retrying with the same retry key would send the old message or a new one, which LINE does not define; " +
				"restore the configuration, or resolve the send by hand")
		}
		if expires := rec.FirstAttempt.Add(planner.KeyLifetime); !now.Before(expires) {
			return nil, fmt.Errorf("its outcome is unknown and its retry key expired at %s, so a retry could send it twice; "+
				"check on LINE whether it was delivered and resolve it by hand", expires.Format(time.RFC3339))
		}
		return rec, nil
	}
	if old := a.st.Sends[ch.Address]; old != nil && ch.Replace {
		old.ForgottenAt = now
		a.st.History = append(a.st.History, old)
	}
	to, _ := body["to"].(string)
	rec := &state.Record{
		Address:      ch.Address,
		Status:       state.Pending,
		RetryKey:     ch.RetryKey,
		FirstAttempt: now,
		Digest:       digest,
		To:           to,
	}
	a.st.Sends[ch.Address] = rec
	if err := a.write(); err != nil {
		delete(a.st.Sends, ch.Address)
		return nil, err
	}
	return rec, nil
}

// body returns the send's final body, evaluating the configuration again
// when the plan held values known only after apply.
func (a *run) body(ch *planner.Change) (map[string]any, error) {
	send := ch.Send
	if ch.Digest == "" {
		cfg, diags := a.cfg.Evaluate(planner.Results(a.st))
		if diags.HasErrors() {
			return nil, fmt.Errorf("evaluating with the values known after apply: %s", diags.Error())
		}
		send = find(cfg, ch.Address)
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
	}
	return send.Body, nil
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
// errUncertain when some attempt may have been accepted.
func (a *run) push(ctx context.Context, body map[string]any, key string) (*line.PushResult, error) {
	uncertain := false
	var last error
	for n := 1; n <= a.opts.Attempts; n++ {
		if n > 1 {
			if err := sleep(ctx, a.opts.Backoff(n-1)); err != nil {
				last = err
				break
			}
		}
		res, err := a.opts.Client.Push(ctx, body, key)
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
