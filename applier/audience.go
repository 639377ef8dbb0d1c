package applier

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// audience performs an audience change: create, rename, replace (create
// the new one now, delete the old one once everything that depends on it
// is done) or delete.
func (a *run) audience(ctx context.Context, ch *planner.Change) error {
	fail := a.failer(ch)
	if err := a.wait(ctx, "audience"); err != nil {
		return a.notSent(ch, errors.New("not done: apply was interrupted"))
	}
	c := a.opts.Client
	switch ch.Action {
	case planner.Send, planner.Replace:
		aud, err := a.audienceConfig(ch.Address)
		if err != nil {
			return fail(err)
		}
		var id int64
		err = a.whileThrottled(ctx, ch.Address, ch.Action, func() (err error) {
			id, err = a.createAudience(ctx, aud)
			return err
		})
		if err != nil {
			return fail(err)
		}
		if ch.Action == planner.Replace {
			a.mu.Lock()
			a.deleteLater = append(a.deleteLater, *ch.PriorAudience)
			a.mu.Unlock()
		}
		return a.recordAudience(ch, &state.Audience{Address: ch.Address, ID: id, Description: aud.Description,
			Kind: planner.AudienceKind(aud), Digest: planner.AudienceDigest(aud), Count: audienceCount(aud),
			CreatedAt: a.opts.Now().UTC()}, Created, strconv.FormatInt(id, 10))
	case planner.Update:
		prior := *ch.PriorAudience
		err := a.whileThrottled(ctx, ch.Address, ch.Action, func() error {
			return c.RenameAudience(ctx, prior.ID, ch.Audience.Description)
		})
		if err != nil {
			return fail(err)
		}
		prior.Description = ch.Audience.Description
		return a.recordAudience(ch, &prior, Renamed, "")
	case planner.Delete:
		if err := a.deleteAudience(ctx, ch.Address, ch.Action, ch.PriorAudience.ID); err != nil {
			return fail(err)
		}
		a.mu.Lock()
		delete(a.st.Audiences, ch.Address)
		a.mu.Unlock()
		if err := a.journal.DropAudience(ch.Address, true); err != nil {
			return fail(err)
		}
		a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: Deleted})
	}
	return nil
}

// audienceConfig is the audience's configuration with the values known
// after apply so far (a click audience's request ID).
func (a *run) audienceConfig(addr string) (*lang.Audience, error) {
	cfg, err := a.evaluated()
	if err != nil {
		return nil, err
	}
	for _, aud := range cfg.Audiences {
		if aud.Address() != addr {
			continue
		}
		for _, r := range []*lang.Retarget{aud.Click, aud.Impression} {
			if r == nil {
				continue
			}
			if u, ok := r.RequestID.(lang.Unknown); ok {
				return nil, fmt.Errorf("%s is still unknown", u.Ref)
			}
		}
		return aud, nil
	}
	return nil, fmt.Errorf("no longer in the configuration")
}

// createAudience creates aud on LINE. Creating has no retry key, so an
// answer that never came is not retried: lineup cannot know whether LINE
// created it. A 429 is retried (see whileThrottled): LINE did nothing.
func (a *run) createAudience(ctx context.Context, aud *lang.Audience) (int64, error) {
	c := a.opts.Client
	ctx = context.WithoutCancel(ctx)
	var id int64
	var err error
	switch {
	case aud.Click != nil:
		id, err = c.CreateClickAudience(ctx, aud.Description, aud.Click.RequestID.(string), aud.Click.URL)
	case aud.Impression != nil:
		id, err = c.CreateImpressionAudience(ctx, aud.Description, aud.Impression.RequestID.(string))
	case aud.UserIDs.Count <= line.MaxJSONAudienceIDs:
		var ids []string
		if err = aud.UserIDs.Each(a.cfg.Dir, func(id string) error { ids = append(ids, id); return nil }); err != nil {
			return 0, fmt.Errorf("reading its user IDs: %w", err)
		}
		id, err = c.CreateAudience(ctx, aud.Description, ids)
	default:
		id, err = c.CreateAudienceFile(ctx, aud.Description, func(emit func(string) error) error {
			return aud.UserIDs.Each(a.cfg.Dir, emit)
		})
	}
	if err != nil && line.Classify(err) == line.Unknown {
		return 0, fmt.Errorf("%w; LINE may or may not have created it: look for %q in the account's audiences "+
			"before applying again", err, aud.Description)
	}
	return id, err
}

func (a *run) recordAudience(ch *planner.Change, rec *state.Audience, result Result, detail string) error {
	a.mu.Lock()
	a.st.Audiences[ch.Address] = rec
	a.stale = true
	copied := *rec
	a.mu.Unlock()
	if err := a.journal.PutAudience(&copied, true); err != nil {
		return a.failer(ch)(err)
	}
	a.opts.Report(Event{Address: ch.Address, Action: ch.Action, Result: result, Detail: detail})
	return nil
}

// deleteAudience deletes an audience; one LINE no longer has counts as
// deleted.
func (a *run) deleteAudience(ctx context.Context, addr string, action planner.Action, id int64) error {
	err := a.whileThrottled(ctx, addr, action, func() error {
		return a.opts.Client.DeleteAudience(context.WithoutCancel(ctx), id)
	})
	var api *line.APIError
	if errors.As(err, &api) && api.Status == 400 {
		for _, d := range api.Details {
			if d.Message == "AUDIENCE_GROUP_NOT_FOUND" {
				return nil
			}
		}
	}
	return err
}

// deleteReplaced deletes the audiences that replaced ones superseded,
// once everything that could depend on them is done.
func (a *run) deleteReplaced(ctx context.Context) error {
	var errs []error
	for _, old := range a.deleteLater {
		if err := a.wait(context.WithoutCancel(ctx), "audience"); err != nil {
			return err
		}
		if err := a.deleteAudience(ctx, old.Address, planner.Replace, old.ID); err != nil {
			errs = append(errs, fmt.Errorf("%s: deleting the replaced audience %d: %w", old.Address, old.ID, err))
			continue
		}
		a.opts.Report(Event{Address: old.Address, Action: planner.Replace,
			Result: DeletedReplaced, Detail: strconv.FormatInt(old.ID, 10)})
	}
	return errors.Join(errs...)
}

func audienceCount(aud *lang.Audience) int {
	if aud.UserIDs != nil {
		return aud.UserIDs.Count
	}
	return 0
}
