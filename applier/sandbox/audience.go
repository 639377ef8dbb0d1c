package sandbox

import (
	"bytes"
	"encoding/hex"
	"slices"
	"strings"
	"time"
)

// Audience limits and timings
// (https://developers.line.biz/en/reference/messaging-api/#manage-audience-group).
const (
	maxAudiences        = 1000
	maxJSONAudienceIDs  = 10000
	maxFileAudienceIDs  = 1500000
	maxConcurrentJobs   = 10
	maxJobsShown        = 50
	audienceRetention   = 180 * 24 * time.Hour
	retargetWindow      = 60 * 24 * time.Hour
	minRetargetUsers    = 50
	minCountShown       = 20
	firstAudienceID     = 1000000000001
	firstAudienceJobID  = 10000001
	DefaultAudienceWait = 2 * time.Second
)

// Click and impression audiences hold these fractions of the people a
// narrowcast or broadcast reached, drawn deterministically per user.
const (
	clickFraction      = 0.3
	impressionFraction = 0.6
)

// uid is a user ID (U + 32 hex digits) or an IFA (a UUID) as 16 bytes,
// so that 1,500,000 of them fit in 24 MB.
type uid [16]byte

// parseUID reads a user ID, or with ifa an IFA, into a uid.
func parseUID(s string, ifa bool) (uid, bool) {
	var u uid
	if ifa {
		if _, ok := canonicalUUID(s); !ok {
			return u, false
		}
		s = strings.ReplaceAll(s, "-", "")
	} else {
		if len(s) != 33 || s[0] != 'U' || strings.ToLower(s[1:]) != s[1:] {
			return u, false
		}
		s = s[1:]
	}
	_, err := hex.Decode(u[:], []byte(s))
	return u, err == nil
}

// format writes u back as a user ID, or with ifa as an IFA.
func (u uid) format(ifa bool) string {
	h := hex.EncodeToString(u[:])
	if ifa {
		return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
	}
	return "U" + h
}

func compareUID(a, b uid) int { return bytes.Compare(a[:], b[:]) }

// sortedUIDs sorts ids in place and drops repeats.
func sortedUIDs(ids []uid) []uid {
	slices.SortFunc(ids, compareUID)
	return slices.Compact(ids)
}

// audience is one audience group of the channel.
type audience struct {
	ID          int64     `json:"id"`
	Type        string    `json:"type"` // UPLOAD, CLICK or IMP
	Description string    `json:"description"`
	Created     time.Time `json:"created"`
	IsIfa       bool      `json:"is_ifa,omitempty"`
	RequestID   string    `json:"request_id,omitempty"`
	ClickURL    string    `json:"click_url,omitempty"`
	// ReadyAt is when a CLICK or IMP audience finishes building.
	ReadyAt time.Time `json:"ready_at,omitzero"`
	// Jobs are an UPLOAD audience's uploads, oldest first; a CLICK or IMP
	// audience keeps its members as one job, not shown.
	Jobs []*audienceJob `json:"jobs"`
}

// audienceJob is one upload of IDs (DIFF_ADD).
type audienceJob struct {
	ID          int64     `json:"id"`
	Description *string   `json:"description"`
	Created     time.Time `json:"created"`
	FinishedAt  time.Time `json:"finished_at"`
	// Added is how many of IDs no earlier job had.
	Added int   `json:"added"`
	IDs   []uid `json:"-"`
	// Text is IDs in the world file.
	Text []string `json:"ids"`
}

// jobStatus is QUEUED for the first half of the audience delay, WORKING
// for the second, then FINISHED.
func (j *audienceJob) jobStatus(now time.Time) string {
	switch {
	case !now.Before(j.FinishedAt):
		return "FINISHED"
	case !now.Before(j.Created.Add(j.FinishedAt.Sub(j.Created) / 2)):
		return "WORKING"
	}
	return "QUEUED"
}

// status is the audience's status at now
// (https://developers.line.biz/en/reference/messaging-api/#get-audience-group): an UPLOAD audience
// is READY once a finished job gave it a member, and stays READY while
// later jobs run; a CLICK or IMP audience is READY at ReadyAt with at
// least 50 members, else FAILED then; any audience EXPIRED after 180 days.
func (a *audience) status(now time.Time) (status, failedType string) {
	if !now.Before(a.Created.Add(audienceRetention)) {
		return "EXPIRED", ""
	}
	if a.Type != "UPLOAD" {
		switch {
		case now.Before(a.ReadyAt):
			return "IN_PROGRESS", ""
		case a.count(now) < minRetargetUsers:
			return "FAILED", "AUDIENCE_GROUP_AUDIENCE_INSUFFICIENT"
		}
		return "READY", ""
	}
	if a.count(now) > 0 {
		return "READY", ""
	}
	return "IN_PROGRESS", ""
}

// count is how many distinct IDs the audience holds at now.
func (a *audience) count(now time.Time) int {
	n := 0
	for _, j := range a.Jobs {
		if !now.Before(j.FinishedAt) {
			n += j.Added
		}
	}
	return n
}

// shownCount is audienceCount as LINE answers it: 0 below 20 users,
// except for upload audiences.
func (a *audience) shownCount(now time.Time) int {
	n := a.count(now)
	if a.Type != "UPLOAD" && n < minCountShown {
		return 0
	}
	return n
}

// has reports whether the audience holds id at now.
func (a *audience) has(id uid, now time.Time) bool {
	for _, j := range a.Jobs {
		if now.Before(j.FinishedAt) {
			continue
		}
		if _, ok := slices.BinarySearchFunc(j.IDs, id, compareUID); ok {
			return true
		}
	}
	return false
}

// running counts the jobs still QUEUED or WORKING at now.
func (a *audience) running(now time.Time) int {
	n := 0
	for _, j := range a.Jobs {
		if now.Before(j.FinishedAt) {
			n++
		}
	}
	return n
}

// addJob records an upload of ids (sorted, distinct) at now.
func (w *world) addJob(a *audience, ids []uid, desc *string, now time.Time, wait time.Duration) {
	added := 0
	for _, id := range ids {
		if !a.hasEver(id) {
			added++
		}
	}
	a.Jobs = append(a.Jobs, &audienceJob{ID: w.nextJobID, Description: desc, Created: now,
		FinishedAt: now.Add(wait), Added: added, IDs: ids})
	w.nextJobID++
}

// hasEver reports whether any job, finished or not, holds id.
func (a *audience) hasEver(id uid) bool {
	for _, j := range a.Jobs {
		if _, ok := slices.BinarySearchFunc(j.IDs, id, compareUID); ok {
			return true
		}
	}
	return false
}

// members returns which of the friends the audience holds at now.
func (a *audience) members(pop *population, now time.Time) map[string]bool {
	out := map[string]bool{}
	if a.IsIfa {
		return out // the sandbox's friends have no IFAs
	}
	for _, f := range pop.friends {
		if id, ok := parseUID(f.UserID, false); ok && a.has(id, now) {
			out[f.UserID] = true
		}
	}
	return out
}

// audienceWait is how long audiences and their jobs take to build.
func (s *Server) audienceWait() time.Duration {
	switch d := time.Duration(s.audienceDelay.Load()); {
	case d < 0:
		return 0
	case d == 0:
		return DefaultAudienceWait
	default:
		return d
	}
}

// SetDelays changes Options.NarrowcastDelay and Options.AudienceDelay
// (0 means the default, negative no time at all) for the narrowcasts,
// audiences and upload jobs made from now on.
func (s *Server) SetDelays(narrowcast, audience time.Duration) {
	s.narrowcastDelay.Store(int64(narrowcast))
	s.audienceDelay.Store(int64(audience))
}
