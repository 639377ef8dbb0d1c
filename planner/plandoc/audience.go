package plandoc

import (
	"fmt"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
)

// Audience is the configuration side of an audience change: what it will
// be on LINE, never its members.
type Audience struct {
	Description string `json:"description"`
	// Kind is "upload", "click" or "impression". The change's digest is
	// planner.AudienceDigest: of the members (upload), or of the request
	// ID and URL (click, impression); none while the request ID is known
	// only after apply.
	Kind string `json:"kind"`
	// Count and File describe an upload audience's members.
	Count int    `json:"count,omitempty"`
	File  string `json:"file,omitempty"`
}

// PriorAudience is the state side of an audience change.
type PriorAudience struct {
	ID          int64  `json:"id"`
	Description string `json:"description"`
	Kind        string `json:"kind"`
	Digest      string `json:"digest,omitempty"`
	Count       int    `json:"count,omitempty"`
}

func fromAudienceChange(out *Change, ch *planner.Change) {
	out.Kind = "audience"
	if a := ch.Audience; a != nil {
		out.DependsOn = a.DependsOn
		out.Audience = &Audience{Description: a.Description, Kind: planner.AudienceKind(a)}
		if a.UserIDs != nil {
			out.Audience.Count, out.Audience.File = a.UserIDs.Count, a.UserIDs.File
		}
	}
	if p := ch.PriorAudience; p != nil {
		out.PriorAudience = &PriorAudience{ID: p.ID, Description: p.Description, Kind: p.Kind,
			Digest: p.Digest, Count: p.Count}
	}
}

// audienceChange fills ch, an audience change read from a saved plan,
// for display: Audience (nil for a delete), PriorAudience and Estimate.
func (c *Change) audienceChange(ch *planner.Change, name string) error {
	ch.Estimate = 0
	if ch.Action == planner.Send || ch.Action == planner.Replace {
		ch.Estimate = -1
		if c.Members != nil {
			ch.Estimate = *c.Members
		}
	}
	if a := c.Audience; a != nil {
		aud := &lang.Audience{Name: name, Description: a.Description, DependsOn: c.DependsOn}
		switch a.Kind {
		case "upload":
			aud.UserIDs = &lang.IDSet{Count: a.Count, Digest: c.Digest, File: a.File}
		case "click", "impression":
			r := &lang.Retarget{RequestID: lang.Unknown{Ref: "(known after apply)"}}
			if a.Kind == "click" {
				aud.Click = r
			} else {
				aud.Impression = r
			}
		default:
			return fmt.Errorf(`%s: audience kind %q is not "upload", "click" or "impression"`, c.Address, a.Kind)
		}
		ch.Audience = aud
	} else if ch.Action != planner.Delete {
		return fmt.Errorf("%s: an audience to %s needs its \"audience\"", c.Address, c.Action)
	}
	if p := c.PriorAudience; p != nil {
		ch.PriorAudience = &state.Audience{Address: c.Address, ID: p.ID, Description: p.Description,
			Kind: p.Kind, Digest: p.Digest, Count: p.Count}
	}
	if ch.PriorAudience == nil && ch.Action != planner.Send && ch.Action != planner.NoOp {
		return fmt.Errorf("%s: an audience to %s needs its \"prior_audience\"", c.Address, c.Action)
	}
	return nil
}
