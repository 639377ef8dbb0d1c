package sandbox

import (
	"fmt"
	"slices"
)

// casts is the part of the world that narrowcasts and audiences add; the
// world embeds it and Server.mu guards it.
type casts struct {
	narrowcasts     []*narrowcast // in order of acceptance
	narrowcastIndex map[string]*narrowcast
	audiences       map[int64]*audience
	nextAudienceID  int64
	nextJobID       int64
	// population is what the population was generated from; nil until
	// New sets it, and for a population given in Options.
	population *populationParams
}

func newCasts() casts {
	return casts{narrowcastIndex: map[string]*narrowcast{}, audiences: map[int64]*audience{},
		nextAudienceID: firstAudienceID, nextJobID: firstAudienceJobID}
}

// castsFile is the on-disk form of casts, embedded in the world file.
// Its fields were added within version 1: older files lack them, which
// reads as none.
type castsFile struct {
	Population     *populationParams `json:"population,omitempty"`
	NextAudienceID int64             `json:"next_audience_id,omitempty"`
	NextJobID      int64             `json:"next_audience_job_id,omitempty"`
	Audiences      []audience        `json:"audiences,omitempty"`
	Narrowcasts    []narrowcast      `json:"narrowcasts,omitempty"`
}

// castsFile is the on-disk form of the casts; it shares no mutable state
// with w. The caller holds the lock.
func (c *casts) castsFile() castsFile {
	f := castsFile{Population: c.population, NextAudienceID: c.nextAudienceID, NextJobID: c.nextJobID}
	ids := make([]int64, 0, len(c.audiences))
	for id := range c.audiences {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		a := *c.audiences[id]
		a.Jobs = make([]*audienceJob, len(a.Jobs))
		for i, j := range c.audiences[id].Jobs {
			jf := *j
			jf.Text = make([]string, len(j.IDs))
			for k, u := range j.IDs {
				jf.Text[k] = u.format(a.IsIfa)
			}
			a.Jobs[i] = &jf
		}
		f.Audiences = append(f.Audiences, a)
	}
	for _, nc := range c.narrowcasts {
		f.Narrowcasts = append(f.Narrowcasts, *nc)
	}
	return f
}

// loadCasts restores the casts from their on-disk form.
func (c *casts) loadCasts(f castsFile) error {
	c.population = f.Population
	c.nextAudienceID = max(c.nextAudienceID, f.NextAudienceID)
	c.nextJobID = max(c.nextJobID, f.NextJobID)
	for _, a := range f.Audiences {
		for _, j := range a.Jobs {
			j.IDs = make([]uid, len(j.Text))
			for k, s := range j.Text {
				id, ok := parseUID(s, a.IsIfa)
				if !ok {
					return fmt.Errorf("corrupt world file: audience %d: bad ID %q", a.ID, s)
				}
				j.IDs[k] = id
			}
			j.IDs, j.Text = sortedUIDs(j.IDs), nil
		}
		if a.Jobs == nil {
			a.Jobs = []*audienceJob{}
		}
		c.audiences[a.ID] = &a
	}
	for _, nc := range f.Narrowcasts {
		c.narrowcasts = append(c.narrowcasts, &nc)
		c.narrowcastIndex[nc.RequestID] = &nc
	}
	return nil
}

// usePopulation makes the Server's population: the one given in opts, or
// the one the world was generated with, or a new one from opts, which the
// world then keeps.
func (c *casts) usePopulation(opts Options) *population {
	pop := newPopulation(opts, c.population)
	if pop.params != nil {
		c.population = pop.params
	}
	return pop
}
