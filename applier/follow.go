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
	"github.com/lineupdev/lineup/planner/state"
)

// follow reads a narrowcast's progress, with backoff, until it succeeds or
// fails, recording each reading. A failed narrowcast is an error: it was
// accepted, so it stays recorded as sent, and -replace sends it again.
func (a *run) follow(ctx context.Context, ch *planner.Change, rec *state.Record) error {
	deadline := a.opts.Now().Add(a.opts.WaitTimeout)
	delay := a.opts.PollInterval
	for {
		p, err := a.opts.Client.NarrowcastProgress(context.WithoutCancel(ctx), rec.RequestID)
		if err == nil {
			if err := a.recordProgress(rec, p); err != nil {
				return a.failer(ch)(err)
			}
			if p.Phase == "failed" {
				return a.failer(ch)(fmt.Errorf("LINE accepted the narrowcast (request %s) but its delivery failed "+
					"with error code %d: %s; it is recorded as sent, and apply -replace=%s sends it again",
					rec.RequestID, p.ErrorCode, strings.TrimSuffix(p.FailedDescription, "."), ch.Address))
			}
			if p.Phase == "succeeded" {
				a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: Delivered,
					Detail: fmt.Sprintf("to %d of %d (%d failed)", p.SuccessCount, p.TargetCount, p.FailureCount)})
				return nil
			}
		} else if line.Classify(err) == line.Rejected {
			return a.failer(ch)(fmt.Errorf("reading its progress: %w", err))
		}
		if a.opts.Now().After(deadline) {
			return a.failer(ch)(fmt.Errorf("still %s after %s; lineup refresh reads its progress later",
				phase(rec), a.opts.WaitTimeout))
		}
		if sleep(ctx, delay) != nil {
			return nil // interrupted: lineup refresh reads its progress later
		}
		delay = min(delay*3/2, 30*time.Second)
	}
}

// followAgain follows an unchanged narrowcast whose delivery an earlier
// apply did not follow to the end.
func (a *run) followAgain(ctx context.Context, ch *planner.Change) error {
	a.mu.Lock()
	rec := a.st.Sends[ch.Address]
	a.mu.Unlock()
	if rec == nil {
		return nil
	}
	return a.follow(ctx, ch, rec)
}

// repoint records that a send sent to an audience this apply replaced
// now points at the new audience: its digest becomes that of its body
// evaluated with the new audience's ID (planner/repoint.go). Then, if
// its delivery is still to be followed, follows it.
func (a *run) repoint(ctx context.Context, ch *planner.Change) error {
	cfg, err := a.evaluated()
	if err != nil {
		return a.failer(ch)(err)
	}
	send := find(cfg, ch.Address)
	if send == nil {
		return nil
	}
	if ref := unknownRef(send.Body); ref != "" {
		return a.failer(ch)(fmt.Errorf("recording it against the new audience: %s is still unknown", ref))
	}
	a.mu.Lock()
	rec := a.st.Sends[ch.Address]
	if rec == nil {
		a.mu.Unlock()
		return nil
	}
	rec.Digest = planner.Digest(send.Body)
	copied := *rec
	a.mu.Unlock()
	if err := a.journal.Put(&copied, false); err != nil {
		return a.failer(ch)(err)
	}
	if ch.Follows() {
		return a.follow(ctx, ch, rec)
	}
	return nil
}

func phase(rec *state.Record) string {
	if rec.Progress == nil {
		return "not started"
	}
	return rec.Progress.Phase
}

func (a *run) recordProgress(rec *state.Record, p *line.Progress) error {
	a.mu.Lock()
	rec.Progress = ProgressOf(p, a.opts.Now())
	copied := *rec
	a.mu.Unlock()
	return a.journal.Put(&copied, false)
}

// ProgressOf converts LINE's progress for the state.
func ProgressOf(p *line.Progress, now time.Time) *state.Progress {
	return &state.Progress{
		Phase: p.Phase, SuccessCount: p.SuccessCount, FailureCount: p.FailureCount, TargetCount: p.TargetCount,
		ErrorCode: p.ErrorCode, FailedDescription: p.FailedDescription,
		AcceptedTime: p.AcceptedTime, CompletedTime: p.CompletedTime, CheckedAt: now.UTC(),
	}
}

// audiencesReady waits until every audience the narrowcast uses is READY
// on LINE, within Options.WaitTimeout.
func (a *run) audiencesReady(ctx context.Context, s *lang.Send) error {
	for _, dep := range s.DependsOn {
		if !strings.HasPrefix(dep, "audience.") {
			continue
		}
		a.mu.Lock()
		aud := a.st.Audiences[dep]
		a.mu.Unlock()
		if aud == nil {
			return fmt.Errorf("%s it uses was not created", dep)
		}
		if err := a.audienceReady(ctx, dep, aud.ID); err != nil {
			return err
		}
	}
	return nil
}

func (a *run) audienceReady(ctx context.Context, addr string, id int64) error {
	deadline := a.opts.Now().Add(a.opts.WaitTimeout)
	delay := a.opts.PollInterval
	for {
		if err := a.wait(ctx, "audience"); err != nil {
			return errors.New("not sent: apply was interrupted")
		}
		st, err := a.opts.Client.Audience(context.WithoutCancel(ctx), id)
		switch {
		case err != nil && line.Classify(err) == line.Rejected:
			return fmt.Errorf("reading %s (audience %d): %w", addr, id, err)
		case err != nil:
		case st.Status == "READY":
			return nil
		case st.Status != "IN_PROGRESS":
			return fmt.Errorf("%s (audience %d) is %s %s; LINE cannot send to it", addr, id, st.Status, st.FailedType)
		}
		if a.opts.Now().After(deadline) {
			return fmt.Errorf("%s (audience %d) is not READY after %s; run apply again later", addr, id, a.opts.WaitTimeout)
		}
		if sleep(ctx, delay) != nil {
			return errors.New("not sent: apply was interrupted")
		}
		delay = min(delay*3/2, 30*time.Second)
	}
}
