package planner

import (
	"fmt"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// planAudienceV1 is the configuration side of an audience change in a
// saved plan: what it will be on LINE, never its members.
type planAudienceV1 struct {
	Description string `json:"description"`
	// Kind is "upload", "click" or "impression". The change's digest is
	// AudienceDigest: of the members (upload), or of the request ID and
	// URL (click, impression); none while the request ID is known only
	// after apply.
	Kind string `json:"kind"`
	// Count and File describe an upload audience's members.
	Count int    `json:"count,omitempty"`
	File  string `json:"file,omitempty"`
}

// planPriorAudienceV1 is the state side of an audience change.
type planPriorAudienceV1 struct {
	ID          int64  `json:"id"`
	Description string `json:"description"`
	Kind        string `json:"kind"`
	Digest      string `json:"digest,omitempty"`
	Count       int    `json:"count,omitempty"`
}

func fromAudienceChange(out *planChangeV1, ch *Change) {
	out.Kind = "audience"
	if a := ch.Audience; a != nil {
		out.DependsOn = a.DependsOn
		out.Audience = &planAudienceV1{Description: a.Description, Kind: AudienceKind(a)}
		if a.UserIDs != nil {
			out.Audience.Count, out.Audience.File = a.UserIDs.Count, a.UserIDs.File
		}
	}
	if p := ch.PriorAudience; p != nil {
		out.PriorAudience = &planPriorAudienceV1{ID: p.ID, Description: p.Description, Kind: p.Kind,
			Digest: p.Digest, Count: p.Count}
	}
}

// audienceChange fills ch, an audience change read from a saved plan,
// for display: Audience (nil for a delete) and PriorAudience.
func (c *planChangeV1) audienceChange(ch *Change, name string) error {
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
	} else if ch.Action != Delete {
		return fmt.Errorf("%s: an audience to %s needs its \"audience\"", c.Address, c.Action)
	}
	if p := c.PriorAudience; p != nil {
		ch.PriorAudience = &state.Audience{Address: c.Address, ID: p.ID, Description: p.Description,
			Kind: p.Kind, Digest: p.Digest, Count: p.Count}
	}
	if ch.PriorAudience == nil && ch.Action != Send && ch.Action != NoOp {
		return fmt.Errorf("%s: an audience to %s needs its \"prior_audience\"", c.Address, ActionName(ch.Action))
	}
	return nil
}

// sameAudience reports whether two changes of one address (read from a
// saved plan, and made again) do the same to an audience: same
// description and kind, and the same audience replaced or deleted
// (matchChange compares their digests: members or source). Changes of
// sends are the same here.
func sameAudience(was, now *Change) bool {
	if was.IsAudience() != now.IsAudience() {
		return false
	}
	if !was.IsAudience() {
		return true
	}
	if (was.Audience == nil) != (now.Audience == nil) || (was.PriorAudience == nil) != (now.PriorAudience == nil) {
		return false
	}
	if was.PriorAudience != nil && was.PriorAudience.ID != now.PriorAudience.ID {
		return false
	}
	if was.Audience == nil {
		return true
	}
	return was.Audience.Description == now.Audience.Description &&
		AudienceKind(was.Audience) == AudienceKind(now.Audience)
}
