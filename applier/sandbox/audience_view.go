package sandbox

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// audienceSummary is the 202 answer of the create endpoints
// (https://developers.line.biz/en/reference/messaging-api/#create-upload-audience-group).
type audienceSummary struct {
	AudienceGroupID int64  `json:"audienceGroupId"`
	CreateRoute     string `json:"createRoute"`
	Type            string `json:"type"`
	Description     string `json:"description"`
	Created         int64  `json:"created"`
	Permission      string `json:"permission"`
	ExpireTimestamp int64  `json:"expireTimestamp"`
	IsIfaAudience   bool   `json:"isIfaAudience"`
	RequestID       string `json:"requestId,omitempty"`
	ClickURL        string `json:"clickUrl,omitempty"`
}

func summaryOf(a *audience) audienceSummary {
	return audienceSummary{
		AudienceGroupID: a.ID, CreateRoute: "MESSAGING_API", Type: a.Type,
		Description: a.Description, Created: a.Created.Unix(), Permission: "READ_WRITE",
		ExpireTimestamp: a.Created.Add(audienceRetention).Unix(), IsIfaAudience: a.IsIfa,
		RequestID: a.RequestID, ClickURL: a.ClickURL,
	}
}

// audienceGroup is an audience in the get and list answers
// (https://developers.line.biz/en/reference/messaging-api/#get-audience-group, #get-audience-groups).
type audienceGroup struct {
	AudienceGroupID int64   `json:"audienceGroupId"`
	CreateRoute     string  `json:"createRoute"`
	Type            string  `json:"type"`
	Description     string  `json:"description"`
	Status          string  `json:"status"`
	FailedType      *string `json:"failedType,omitempty"`
	AudienceCount   int     `json:"audienceCount"`
	Created         int64   `json:"created"`
	Permission      string  `json:"permission"`
	IsIfaAudience   bool    `json:"isIfaAudience"`
	ExpireTimestamp int64   `json:"expireTimestamp"`
	RequestID       string  `json:"requestId,omitempty"`
	ClickURL        string  `json:"clickUrl,omitempty"`
}

func groupOf(a *audience, now time.Time) audienceGroup {
	status, failed := a.status(now)
	g := audienceGroup{
		AudienceGroupID: a.ID, CreateRoute: "MESSAGING_API", Type: a.Type,
		Description: a.Description, Status: status, AudienceCount: a.shownCount(now),
		Created: a.Created.Unix(), Permission: "READ_WRITE", IsIfaAudience: a.IsIfa,
		ExpireTimestamp: a.Created.Add(audienceRetention).Unix(),
		RequestID:       a.RequestID, ClickURL: a.ClickURL,
	}
	if failed != "" {
		g.FailedType = &failed
	}
	return g
}

// jobView is one entry of jobs[] in the get answer.
type jobView struct {
	AudienceGroupJobID int64   `json:"audienceGroupJobId"`
	AudienceGroupID    int64   `json:"audienceGroupId"`
	Description        *string `json:"description"`
	Type               string  `json:"type"`
	Status             string  `json:"status"`
	FailedType         *string `json:"failedType"`
	AudienceCount      int     `json:"audienceCount"`
	Created            int64   `json:"created"`
	JobStatus          string  `json:"jobStatus"`
}

type audienceData struct {
	AudienceGroup audienceGroup `json:"audienceGroup"`
	Jobs          []jobView     `json:"jobs"`
}

// getAudience answers GET /v2/bot/audienceGroup/{id}: the audience and,
// for an UPLOAD audience, its latest 50 jobs, newest first.
func (s *Server) getAudience(ex *exchange) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.pathAudience(ex)
	if a == nil {
		return audienceNotFound()
	}
	data := audienceData{AudienceGroup: groupOf(a, ex.now), Jobs: []jobView{}}
	if a.Type == "UPLOAD" {
		for _, j := range slices.Backward(a.Jobs) {
			if len(data.Jobs) == maxJobsShown {
				break
			}
			st := j.jobStatus(ex.now)
			data.Jobs = append(data.Jobs, jobView{AudienceGroupJobID: j.ID, AudienceGroupID: a.ID,
				Description: j.Description, Type: "DIFF_ADD", Status: st, AudienceCount: len(j.IDs),
				Created: j.Created.Unix(), JobStatus: st})
		}
	}
	return reply{status: http.StatusOK, body: data}
}

type audienceList struct {
	AudienceGroups                   []audienceGroup `json:"audienceGroups"`
	HasNextPage                      bool            `json:"hasNextPage"`
	TotalCount                       int             `json:"totalCount"`
	ReadWriteAudienceGroupTotalCount int             `json:"readWriteAudienceGroupTotalCount"`
	Size                             int             `json:"size"`
	Page                             int             `json:"page"`
}

// listQuery is the query of GET /v2/bot/audienceGroup/list.
type listQuery struct {
	page, size                       int
	description, status, createRoute string
}

func parseListQuery(ex *exchange) (listQuery, *reply) {
	q := ex.req.URL.Query()
	lq := listQuery{size: 20, description: strings.ToLower(q.Get("description")),
		status: q.Get("status"), createRoute: q.Get("createRoute")}
	bad := func(name string) (listQuery, *reply) {
		rep := reply{status: http.StatusBadRequest, body: errorBody{Message: "The request parameters are invalid",
			Details: []detail{{Message: "Invalid value", Property: name}}}}
		return lq, &rep
	}
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		return bad("page")
	}
	lq.page = page
	// The Go SDK always sends size, 0 when its caller gave none: the
	// default then.
	if v := q.Get("size"); v != "" && v != "0" {
		size, err := strconv.Atoi(v)
		if err != nil || size < 1 || size > 40 {
			return bad("size")
		}
		lq.size = size
	}
	return lq, nil
}

func (lq listQuery) matches(g audienceGroup) bool {
	return strings.Contains(strings.ToLower(g.Description), lq.description) &&
		(lq.status == "" || g.Status == lq.status) &&
		(lq.createRoute == "" || g.CreateRoute == lq.createRoute)
}

// listAudiences answers GET /v2/bot/audienceGroup/list, oldest first.
func (s *Server) listAudiences(ex *exchange) reply {
	lq, rep := parseListQuery(ex)
	if rep != nil {
		return *rep
	}
	s.mu.Lock()
	ids := make([]int64, 0, len(s.world.audiences))
	for id := range s.world.audiences {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var all []audienceGroup
	for _, id := range ids {
		if g := groupOf(s.world.audiences[id], ex.now); lq.matches(g) {
			all = append(all, g)
		}
	}
	s.mu.Unlock()
	from := min((lq.page-1)*lq.size, len(all))
	to := min(from+lq.size, len(all))
	return reply{status: http.StatusOK, body: audienceList{
		AudienceGroups: nonNil(all[from:to]), HasNextPage: to < len(all),
		TotalCount: len(all), ReadWriteAudienceGroupTotalCount: len(all),
		Size: lq.size, Page: lq.page,
	}}
}

// AudienceInfo is an audience as the sandbox holds it (for tests and
// tools): its real member count and members, whatever LINE would show.
type AudienceInfo struct {
	ID          int64  `json:"id"`
	Type        string `json:"type"`
	Description string `json:"description"`
	Status      string `json:"status"`
	FailedType  string `json:"failedType,omitempty"`
	Count       int    `json:"count"`
	RequestID   string `json:"requestId,omitempty"`
	ClickURL    string `json:"clickUrl,omitempty"`
	// Members are the IDs of its finished jobs, sorted.
	Members []string `json:"members"`
}

// Audiences returns the channel's audiences (deleted ones are gone),
// oldest first, as they are at the sandbox's time.
func (s *Server) Audiences() []AudienceInfo {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(now)
	out := []AudienceInfo{}
	for _, a := range s.world.audiences {
		status, failed := a.status(now)
		info := AudienceInfo{ID: a.ID, Type: a.Type, Description: a.Description, Status: status,
			FailedType: failed, Count: a.count(now), RequestID: a.RequestID, ClickURL: a.ClickURL,
			Members: []string{}}
		for _, j := range a.Jobs {
			if !now.Before(j.FinishedAt) {
				for _, id := range j.IDs {
					info.Members = append(info.Members, id.format(a.IsIfa))
				}
			}
		}
		slices.Sort(info.Members)
		info.Members = slices.Compact(info.Members)
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b AudienceInfo) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
