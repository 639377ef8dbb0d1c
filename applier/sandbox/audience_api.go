package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// audienceError is the error shape of the audience endpoints: a message
// and a machine code in details[].message
// (https://developers.line.biz/en/reference/messaging-api/#manage-audience-group).
func audienceError(status int, message, code string) reply {
	return reply{status: status, body: errorBody{Message: message, Details: []detail{{Message: code}}}}
}

func audienceNotFound() reply {
	return audienceError(http.StatusBadRequest, "audience group not found", "AUDIENCE_GROUP_NOT_FOUND")
}

// checkDescription checks an audience name: 1..120 characters, not only
// spaces, no control characters.
func checkDescription(v any) (string, *reply) {
	s, _ := v.(string)
	var rep reply
	switch {
	case strings.TrimSpace(s) == "":
		rep = audienceError(http.StatusBadRequest, "audienceGroupName is empty", "AUDIENCE_GROUP_NAME_EMPTY")
	case utf8.RuneCountInString(s) > 120:
		rep = audienceError(http.StatusBadRequest, "size over audienceGroupName", "AUDIENCE_GROUP_NAME_SIZE_OVER")
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		rep = audienceError(http.StatusBadRequest, "invalid audienceGroupName", "AUDIENCE_GROUP_NAME_WRONG")
	default:
		return s, nil
	}
	return "", &rep
}

// checkUploadDescription checks an optional uploadDescription (≤ 300).
func checkUploadDescription(v any) (*string, *reply) {
	s, ok := v.(string)
	if !ok {
		return nil, nil
	}
	if utf8.RuneCountInString(s) > 300 {
		rep := audienceError(http.StatusBadRequest, "size over uploadDescription",
			"AUDIENCE_GROUP_UPLOAD_DESCRIPTION_SIZE_OVER")
		return nil, &rep
	}
	return &s, nil
}

func invalidIDFormat() reply {
	return reply{status: http.StatusBadRequest, body: errorBody{Message: "Invalid audience id format",
		Details: []detail{{Message: "UPLOAD_AUDIENCE_GROUP_INVALID_AUDIENCE_ID_FORMAT", Property: "audiences"}}}}
}

func tooManyIDs() reply {
	return audienceError(http.StatusBadRequest, "too many audience ids",
		"UPLOAD_AUDIENCE_GROUP_TOO_MANY_AUDIENCE_IDS")
}

// jsonIDs reads the audiences array of a JSON upload: [{"id":"U..."}].
func jsonIDs(v any, ifa bool) ([]uid, *reply) {
	list, _ := v.([]any)
	if len(list) > maxJSONAudienceIDs {
		rep := tooManyIDs()
		return nil, &rep
	}
	ids := make([]uid, 0, len(list))
	for _, e := range list {
		obj, _ := e.(map[string]any)
		s, _ := obj["id"].(string)
		id, ok := parseUID(s, ifa)
		if !ok {
			rep := invalidIDFormat()
			return nil, &rep
		}
		ids = append(ids, id)
	}
	return sortedUIDs(ids), nil
}

// createAudience answers POST /v2/bot/audienceGroup/upload (JSON).
func (s *Server) createAudience(ex *exchange) reply {
	desc, rep := checkDescription(ex.body["description"])
	if rep != nil {
		return *rep
	}
	jobDesc, rep := checkUploadDescription(ex.body["uploadDescription"])
	if rep != nil {
		return *rep
	}
	ifa, _ := ex.body["isIfaAudience"].(bool)
	ids, rep := jsonIDs(ex.body["audiences"], ifa)
	if rep != nil {
		return *rep
	}
	return s.newUploadAudience(ex, desc, ifa, jobDesc, ids)
}

// newUploadAudience creates an UPLOAD audience, with a job for ids unless
// there are none (an empty audience never becomes READY).
func (s *Server) newUploadAudience(ex *exchange, desc string, ifa bool, jobDesc *string, ids []uid) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, rep := s.world.newAudience(ex.now, "UPLOAD", desc)
	if rep != nil {
		return *rep
	}
	a.IsIfa = ifa
	if len(ids) > 0 {
		s.world.addJob(a, ids, jobDesc, ex.now, s.audienceWait())
	}
	return reply{status: http.StatusAccepted, body: summaryOf(a)}
}

// newAudience adds an audience, or answers 400 past 1,000 audiences.
func (w *world) newAudience(now time.Time, typ, desc string) (*audience, *reply) {
	if len(w.audiences) >= maxAudiences {
		rep := audienceError(http.StatusBadRequest, "audience group count max over", "AUDIENCE_GROUP_COUNT_MAX_OVER")
		return nil, &rep
	}
	a := &audience{ID: w.nextAudienceID, Type: typ, Description: desc, Created: now, Jobs: []*audienceJob{}}
	w.nextAudienceID++
	w.audiences[a.ID] = a
	return a, nil
}

// addToAudience answers PUT /v2/bot/audienceGroup/upload (JSON).
func (s *Server) addToAudience(ex *exchange) reply {
	f, _ := ex.body["audienceGroupId"].(float64)
	id := int64(f)
	jobDesc, rep := checkUploadDescription(ex.body["uploadDescription"])
	if rep != nil {
		return *rep
	}
	ifa, ok := s.audienceIsIfa(id)
	if !ok {
		return audienceNotFound()
	}
	if list, _ := ex.body["audiences"].([]any); len(list) == 0 {
		return audienceError(http.StatusBadRequest, "no valid audience ids",
			"UPLOAD_AUDIENCE_GROUP_NO_VALID_AUDIENCE_IDS")
	}
	ids, rep := jsonIDs(ex.body["audiences"], ifa)
	if rep != nil {
		return *rep
	}
	return s.addJob(ex, id, jobDesc, ids)
}

func (s *Server) audienceIsIfa(id int64) (ifa, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.world.audiences[id]
	if a == nil {
		return false, false
	}
	return a.IsIfa, true
}

// addJob adds an upload job to audience id: only to an UPLOAD audience
// not expired, with fewer than 10 jobs running.
func (s *Server) addJob(ex *exchange, id int64, jobDesc *string, ids []uid) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.world.audiences[id]
	switch {
	case a == nil:
		return audienceNotFound()
	case a.Type != "UPLOAD":
		return audienceError(http.StatusBadRequest, "only an upload audience group can be updated",
			"AUDIENCE_GROUP_TYPE_NOT_UPLOAD")
	case !ex.now.Before(a.Created.Add(audienceRetention)):
		return audienceError(http.StatusBadRequest, "the audience group has expired",
			"AUDIENCE_GROUP_CAN_NOT_UPLOAD_STATUS_EXPIRED")
	case a.running(ex.now) >= maxConcurrentJobs:
		return audienceError(http.StatusTooManyRequests,
			"too many concurrent uploads to the audience group", "AUDIENCE_GROUP_UPLOAD_CONCURRENCY_OVER")
	}
	s.world.addJob(a, ids, jobDesc, ex.now, s.audienceWait())
	return reply{status: http.StatusAccepted, body: struct{}{}}
}

// pathAudience returns the audience of the request path's {id}. The
// caller holds s.mu.
func (s *Server) pathAudience(ex *exchange) *audience {
	id, err := strconv.ParseInt(ex.params["id"], 10, 64)
	if err != nil {
		return nil
	}
	return s.world.audiences[id]
}

// renameAudience answers PUT /v2/bot/audienceGroup/{id}/updateDescription.
func (s *Server) renameAudience(ex *exchange) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.pathAudience(ex)
	if a == nil {
		return audienceNotFound()
	}
	desc, rep := checkDescription(ex.body["description"])
	if rep != nil {
		return *rep
	}
	a.Description = desc
	return reply{status: http.StatusOK, body: struct{}{}}
}

// deleteAudience answers DELETE /v2/bot/audienceGroup/{id}: 202 {}. A
// narrowcast that starts later finds the audience empty.
func (s *Server) deleteAudience(ex *exchange) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.pathAudience(ex)
	if a == nil {
		return audienceNotFound()
	}
	delete(s.world.audiences, a.ID)
	return reply{status: http.StatusAccepted, body: struct{}{}}
}
