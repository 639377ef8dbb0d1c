package applier

import (
	"context"
	"encoding/json"
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

// accepted is LINE's answer to an accepted send request.
type accepted struct {
	RequestID string
	Sent      []state.SentMessage
	// Duplicate is true for a 409: the key was accepted before.
	Duplicate bool
}

// requestFunc makes one send request with a retry key.
type requestFunc func(ctx context.Context, key string) (*accepted, error)

// send performs one send exactly once: the pending record with its retry
// key is durable before the request leaves, the result is journalled
// after it returns.
func (a *run) send(ctx context.Context, ch *planner.Change) error {
	fail := a.failer(ch)
	if a.quotaReached() {
		return fail(errors.New("not sent: LINE said the monthly limit is reached"))
	}
	body, err := a.body(ch)
	if err != nil {
		return fail(err)
	}
	if held, err := a.hold(ch, body); held { // due.go
		return err
	}
	kind := ch.Send.Kind
	if err := refused(rules.Check(kind, body)); err != nil {
		return fail(err)
	}
	if kind == lang.KindNarrowcast {
		if err := a.audiencesReady(ctx, ch.Send); err != nil {
			return fail(err)
		}
	}
	if kind == lang.KindMulticast {
		return a.multicast(ctx, ch, body)
	}
	if err := a.wait(ctx, string(kind)); err != nil {
		return a.notSent(ch, errors.New("not sent: apply was interrupted"))
	}
	rec, err := a.begin(ch, body)
	if err != nil {
		return fail(err)
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: Sending})
	res, err := a.request(ctx, ch, string(kind), a.requester(kind, body), rec.RetryKey)
	if err != nil {
		return fail(a.unsent(ch, rec.FirstAttempt, err))
	}
	if err := a.finish(rec, res); err != nil {
		return fail(err)
	}
	result := Sent
	if res.Duplicate {
		result = SentBefore
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: result, RequestID: res.RequestID})
	if kind == lang.KindNarrowcast && ch.Send.Wait {
		return a.follow(ctx, ch, rec)
	}
	return nil
}

// failer returns the function that records and reports a failed change.
func (a *run) failer(ch *planner.Change) func(error) error {
	return func(err error) error {
		a.mu.Lock()
		a.failed[ch.Address] = true
		a.mu.Unlock()
		err = fmt.Errorf("%s: %w", ch.Address, err)
		a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: Failed, Err: err})
		return err
	}
}

// unsent settles a send whose requests all failed. When some attempt may
// have been accepted, the pending record stays for the next apply;
// otherwise nothing was sent and the record is dropped.
func (a *run) unsent(ch *planner.Change, first time.Time, err error) error {
	if errors.Is(err, errUncertain) {
		valid := first.Add(planner.KeyLifetime).Sub(a.opts.Now())
		return fmt.Errorf("%w; run apply again to retry with the same retry key (valid for %s more)",
			err, valid.Round(time.Minute))
	}
	// No attempt was accepted (a key accepted before would have given
	// 409): nothing was sent.
	if line.Classify(err) == line.QuotaExhausted {
		a.setQuotaReached()
	}
	a.mu.Lock()
	delete(a.st.Sends, ch.Address)
	a.mu.Unlock()
	return errors.Join(err, a.journal.Drop(ch.Address, false))
}

// requester returns the request of a push, broadcast or narrowcast.
func (a *run) requester(kind lang.Kind, body map[string]any) requestFunc {
	c := a.opts.Client
	return func(ctx context.Context, key string) (*accepted, error) {
		if kind == lang.KindPush {
			res, err := c.Push(ctx, body, key)
			if err != nil {
				return nil, err
			}
			out := &accepted{RequestID: res.RequestID, Duplicate: res.Duplicate}
			for _, m := range res.Sent {
				out.Sent = append(out.Sent, state.SentMessage{ID: m.ID, QuoteToken: m.QuoteToken})
			}
			return out, nil
		}
		call := c.Broadcast
		if kind == lang.KindNarrowcast {
			call = c.Narrowcast
		}
		res, err := call(ctx, body, key)
		if err != nil {
			return nil, err
		}
		return &accepted{RequestID: res.RequestID, Duplicate: res.Duplicate}, nil
	}
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
		return rec, a.retryable(ch.Address, rec, digest, now)
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
	salt := ch.RetryKey
	if salt == "" && len(ch.RetryKeys) > 0 {
		salt = ch.RetryKeys[0]
	}
	sent, digests := planner.SentBody(ch.Send, body, salt)
	rec.Body, _ = json.Marshal(sent) // a body of JSON values
	rec.SensitiveDigests = digests
	if len(ch.RetryKeys) > 0 {
		requests := rules.SplitMulticast(body)
		if len(requests) != len(ch.RetryKeys) {
			a.mu.Unlock()
			return nil, fmt.Errorf("not sent: it takes %d requests now, but the plan has retry keys for %d; plan again",
				len(requests), len(ch.RetryKeys))
		}
		for i, key := range ch.RetryKeys {
			to, _ := requests[i]["to"].([]any)
			rec.Parts = append(rec.Parts, state.Part{RetryKey: key, Status: state.Pending, FirstAttempt: now, Count: len(to)})
		}
	}
	a.st.Sends[ch.Address] = rec
	copied := *rec
	a.mu.Unlock()
	if err := a.journal.Put(&copied, true); err != nil {
		return nil, fmt.Errorf("recording the retry key before sending: %w", err)
	}
	return rec, nil
}

// retryable checks that a pending record may be retried with its keys.
func (a *run) retryable(addr string, rec *state.Record, digest string, now time.Time) error {
	if rec.Digest != digest {
		return fmt.Errorf("the configuration changed since the interrupted attempt; " +
			"retrying with the same retry key could deliver either version, so lineup will not; " +
			"restore the configuration, or resolve the send with lineup state resolve")
	}
	if expires := rec.FirstAttempt.Add(planner.KeyLifetime); !now.Before(expires) {
		return fmt.Errorf("its outcome is unknown and its retry key expired at %s, so a retry could "+
			"send it twice; check on LINE whether it was delivered, then run lineup state resolve %s -sent or -not-sent",
			expires.Format(time.RFC3339), addr)
	}
	return nil
}

// finish records an accepted send.
func (a *run) finish(rec *state.Record, res *accepted) error {
	a.mu.Lock()
	rec.Status = state.Sent
	rec.RequestID = res.RequestID
	rec.SentAt = a.opts.Now().UTC()
	rec.Sent = res.Sent
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
	cfg, err := a.evaluated()
	if err != nil {
		return nil, err
	}
	send := find(cfg, ch.Address)
	if send == nil {
		return nil, fmt.Errorf("no longer in the configuration")
	}
	if ref := unknownRef(send.Body); ref != "" {
		return nil, fmt.Errorf("%s is still unknown", ref)
	}
	return send.Body, nil
}

// evaluated is the configuration evaluated with the results so far.
func (a *run) evaluated() (*lang.Config, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.stale {
		cfg, diags := a.cfg.Evaluate(planner.Results(a.st))
		if diags.HasErrors() {
			return nil, fmt.Errorf("evaluating with the values known after apply: %s", diags.Error())
		}
		a.evaluatedCfg, a.stale = cfg, false
	}
	return a.evaluatedCfg, nil
}

// refused is the error of a body LINE would refuse (rules.Check found
// problems), or nil: each problem as "path: LINE's message", in order.
// Nothing is sent for a refused body, whether its values were known at
// plan or only now.
func refused(ps []rules.Problem) error {
	if len(ps) == 0 {
		return nil
	}
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Path + ": " + p.Message
	}
	return fmt.Errorf("not sent: LINE would refuse it: %s", strings.Join(msgs, "; "))
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

// unknownRef returns the Ref of the first lang.Unknown in body (the same
// one on every run), or "".
func unknownRef(body map[string]any) string {
	_, u, _ := lang.FirstUnknown("", body)
	return u.Ref
}
