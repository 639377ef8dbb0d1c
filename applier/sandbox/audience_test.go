package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/line/line-bot-sdk-go/v8/linebot/manage_audience"
	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
	"github.com/stretchr/testify/require"
)

// createRetarget creates a click or imp audience and returns its ID.
func createRetarget(t *testing.T, ts *httptest.Server, kind, desc, requestID string) int64 {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"description": desc, "requestId": requestID})
	got := call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/"+kind, string(body), nil)
	require.Equal(t, http.StatusAccepted, got.status, "%v", got.body)
	return int64(got.body.(map[string]any)["audienceGroupId"].(float64))
}

// getAudience reads an audience's audienceGroup and jobs.
func getAudience(t *testing.T, ts *httptest.Server, id int64) (group map[string]any, jobs []any) {
	t.Helper()
	got := call(t, ts, http.MethodGet, fmt.Sprintf("/v2/bot/audienceGroup/%d", id), "", nil)
	require.Equal(t, http.StatusOK, got.status, "%v", got.body)
	b := got.body.(map[string]any)
	return b["audienceGroup"].(map[string]any), b["jobs"].([]any)
}

func jobStatuses(jobs []any) []string {
	var out []string
	for _, j := range jobs {
		out = append(out, j.(map[string]any)["jobStatus"].(string))
	}
	return out
}

// userIDs makes n well-formed user IDs.
func userIDs(n, from int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("U%032x", from+i)
	}
	return out
}

func TestUploadAudienceLifecycle(t *testing.T) {
	sb, ts := startCast(t, Options{AudienceDelay: 2 * time.Second})
	id := uploadAudience(t, ts, "VIP", userIDs(3, 1))
	group, jobs := getAudience(t, ts, id)
	require.Equal(t, "IN_PROGRESS", group["status"])
	require.Equal(t, []string{"QUEUED"}, jobStatuses(jobs))
	sb.Advance(time.Second)
	_, jobs = getAudience(t, ts, id)
	require.Equal(t, []string{"WORKING"}, jobStatuses(jobs))
	sb.Advance(time.Second)
	group, jobs = getAudience(t, ts, id)
	want := fmt.Sprintf(`{"audienceGroupId":%d,"createRoute":"MESSAGING_API","type":"UPLOAD","description":"VIP",
		"status":"READY","audienceCount":3,"created":%d,"permission":"READ_WRITE","isIfaAudience":false,
		"expireTimestamp":%d}`, id, castT0.Unix(), castT0.Add(180*24*time.Hour).Unix())
	if diff := cmp.Diff(js(t, want), any(group)); diff != "" {
		t.Errorf("audienceGroup (-want +got):\n%s", diff)
	}
	require.Equal(t, []string{"FINISHED"}, jobStatuses(jobs))

	rename := call(t, ts, http.MethodPut, fmt.Sprintf("/v2/bot/audienceGroup/%d/updateDescription", id), `{"description":"VIP 2"}`, nil)
	require.Equal(t, http.StatusOK, rename.status)
	require.Equal(t, map[string]any{}, rename.body)

	add := call(t, ts, http.MethodPut, "/v2/bot/audienceGroup/upload",
		fmt.Sprintf(`{"audienceGroupId":%d,"uploadDescription":"more.txt","audiences":[{"id":"%s"},{"id":"%s"}]}`, id, userIDs(1, 3)[0], userIDs(1, 4)[0]), nil)
	require.Equal(t, http.StatusAccepted, add.status, "%v", add.body)
	group, jobs = getAudience(t, ts, id)
	require.Equal(t, "READY", group["status"], "a READY audience stays READY while a job runs")
	require.Equal(t, "VIP 2", group["description"])
	require.EqualValues(t, 3, group["audienceCount"])
	require.Equal(t, []string{"QUEUED", "FINISHED"}, jobStatuses(jobs))
	require.Equal(t, "more.txt", jobs[0].(map[string]any)["description"])
	require.Nil(t, jobs[1].(map[string]any)["description"])
	sb.Advance(2 * time.Second)
	group, _ = getAudience(t, ts, id)
	require.EqualValues(t, 4, group["audienceCount"], "one of the two IDs was already in")

	del := call(t, ts, http.MethodDelete, fmt.Sprintf("/v2/bot/audienceGroup/%d", id), "", nil)
	require.Equal(t, http.StatusAccepted, del.status)
	notFound := `{"message":"audience group not found","details":[{"message":"AUDIENCE_GROUP_NOT_FOUND"}]}`
	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, fmt.Sprintf("/v2/bot/audienceGroup/%d", id), ""},
		{http.MethodDelete, fmt.Sprintf("/v2/bot/audienceGroup/%d", id), ""},
		{http.MethodPut, fmt.Sprintf("/v2/bot/audienceGroup/%d/updateDescription", id), `{"description":"x"}`},
		{http.MethodPut, "/v2/bot/audienceGroup/upload", fmt.Sprintf(`{"audienceGroupId":%d,"audiences":[{"id":"%s"}]}`, id, userA)},
	} {
		got := call(t, ts, c.method, c.path, c.body, nil)
		require.Equal(t, http.StatusBadRequest, got.status, c.method+" "+c.path)
		require.Equal(t, js(t, notFound), got.body, c.method+" "+c.path)
	}
}

func TestUploadAudienceRefusals(t *testing.T) {
	sb, ts := startCast(t, Options{})
	cases := []struct {
		name, body, want string
	}{
		{name: "bad ID", body: `{"description":"a","audiences":[{"id":"Uabc"}]}`,
			want: `{"message":"Invalid audience id format","details":[{"message":"UPLOAD_AUDIENCE_GROUP_INVALID_AUDIENCE_ID_FORMAT","property":"audiences"}]}`},
		{name: "no name", body: `{"description":"  "}`,
			want: `{"message":"audienceGroupName is empty","details":[{"message":"AUDIENCE_GROUP_NAME_EMPTY"}]}`},
		{name: "long name", body: `{"description":"` + strings.Repeat("a", 121) + `"}`,
			want: `{"message":"size over audienceGroupName","details":[{"message":"AUDIENCE_GROUP_NAME_SIZE_OVER"}]}`},
	}
	for _, c := range cases {
		got := call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/upload", c.body, nil)
		require.Equal(t, http.StatusBadRequest, got.status, c.name)
		require.Equal(t, js(t, c.want), got.body, c.name)
	}

	empty := uploadAudience(t, ts, "empty", nil)
	sb.Advance(time.Hour)
	group, jobs := getAudience(t, ts, empty)
	require.Equal(t, "IN_PROGRESS", group["status"], "an empty audience never becomes READY")
	require.Empty(t, jobs)

	busy := uploadAudience(t, ts, "busy", userIDs(1, 1))
	add := fmt.Sprintf(`{"audienceGroupId":%d,"audiences":[{"id":"%s"}]}`, busy, userA)
	for i := range 9 {
		require.Equal(t, http.StatusAccepted, call(t, ts, http.MethodPut, "/v2/bot/audienceGroup/upload", add, nil).status, i)
	}
	require.Equal(t, http.StatusTooManyRequests, call(t, ts, http.MethodPut, "/v2/bot/audienceGroup/upload", add, nil).status,
		"the 11th job while 10 run")
	sb.Advance(time.Second)
	require.Equal(t, http.StatusAccepted, call(t, ts, http.MethodPut, "/v2/bot/audienceGroup/upload", add, nil).status)
}

// fileUpload builds a byFile multipart body; fields first, then the file.
func fileUpload(t *testing.T, fields map[string]string, partType string, lines []string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="ids.txt"`)
	h.Set("Content-Type", partType)
	part, err := mw.CreatePart(h)
	require.NoError(t, err)
	_, err = part.Write([]byte(strings.Join(lines, "\n") + "\n"))
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	return buf.String(), mw.FormDataContentType()
}

func TestByFileUpload(t *testing.T) {
	sb, ts := startCast(t, Options{})
	ids := userIDs(25000, 1)
	body, ct := fileUpload(t, map[string]string{"description": "big", "uploadDescription": "ids.txt"}, "text/plain", ids)
	got := call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/upload/byFile", body, map[string]string{"Content-Type": ct})
	require.Equal(t, http.StatusAccepted, got.status, "%v", got.body)
	id := int64(got.body.(map[string]any)["audienceGroupId"].(float64))
	sb.Advance(time.Second)
	group, jobs := getAudience(t, ts, id)
	require.Equal(t, "READY", group["status"])
	require.EqualValues(t, 25000, group["audienceCount"])
	require.Equal(t, "ids.txt", jobs[0].(map[string]any)["description"])

	// The Go SDK labels the file application/octet-stream: accepted.
	body, ct = fileUpload(t, map[string]string{"audienceGroupId": fmt.Sprint(id)}, "application/octet-stream", userIDs(10, 25000))
	got = call(t, ts, http.MethodPut, "/v2/bot/audienceGroup/upload/byFile", body, map[string]string{"Content-Type": ct})
	require.Equal(t, http.StatusAccepted, got.status, "%v", got.body)
	sb.Advance(time.Second)
	group, _ = getAudience(t, ts, id)
	require.EqualValues(t, 25009, group["audienceCount"])

	bad, ct := fileUpload(t, map[string]string{"description": "bad"}, "text/plain", []string{userA, "Cabc"})
	got = call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/upload/byFile", bad, map[string]string{"Content-Type": ct})
	require.Equal(t, http.StatusBadRequest, got.status)

	_, strictTS := startCast(t, Options{StrictFilePart: true})
	body, ct = fileUpload(t, map[string]string{"description": "strict"}, "application/octet-stream", userIDs(1, 1))
	got = call(t, strictTS, http.MethodPost, "/v2/bot/audienceGroup/upload/byFile", body, map[string]string{"Content-Type": ct})
	require.Equal(t, http.StatusUnsupportedMediaType, got.status)
}

func TestRetargetAudiences(t *testing.T) {
	sb, ts := startCast(t, Options{})
	source := narrowcastNow(t, ts, `{`+textMessages+`}`)
	body := fmt.Sprintf(`{"description":"early","requestId":"%s"}`, source)
	early := call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/click", body, nil)
	require.Equal(t, js(t, `{"message":"request not found","details":[{"message":"REQUEST_NOT_FOUND"}]}`), early.body,
		"not delivered yet")
	sb.Advance(2 * time.Second)
	reached := len(deliveredBy(t, sb, source))

	click := createRetarget(t, ts, "click", "clicked", source)
	imp := createRetarget(t, ts, "imp", "seen", source)
	dup := call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/click", body, nil)
	require.Equal(t, http.StatusBadRequest, dup.status)
	require.Equal(t, "AUDIENCE_GROUP_REQUESTID_DUPLICATE", dup.body.(map[string]any)["details"].([]any)[0].(map[string]any)["message"])
	pushed := push(t, ts, textPush(userA, "hi"), "")
	got := call(t, ts, http.MethodPost, "/v2/bot/audienceGroup/imp",
		fmt.Sprintf(`{"description":"x","requestId":"%s"}`, pushed.header.Get("X-Line-Request-Id")), nil)
	require.Equal(t, "REQUEST_NOT_FOUND", got.body.(map[string]any)["details"].([]any)[0].(map[string]any)["message"])

	group, jobs := getAudience(t, ts, click)
	require.Equal(t, "IN_PROGRESS", group["status"])
	require.Empty(t, jobs)
	sb.Advance(time.Second)
	group, _ = getAudience(t, ts, click)
	require.Equal(t, "READY", group["status"])
	require.Equal(t, source, group["requestId"])
	n := int(group["audienceCount"].(float64))
	require.InDelta(t, 0.3*float64(reached), n, 0.05*float64(reached))
	group, _ = getAudience(t, ts, imp)
	require.InDelta(t, 0.6*float64(reached), group["audienceCount"], 0.05*float64(reached))

	// A narrowcast to the click audience reaches exactly its members.
	id := narrowcastNow(t, ts, fmt.Sprintf(`{`+textMessages+`,"recipient":{"type":"audience","audienceGroupId":%d}}`, click))
	sb.Advance(2 * time.Second)
	require.Len(t, deliveredBy(t, sb, id), n)

	// Too few people clicked: the audience fails.
	small := sb.Population()[:30] // about 9 of them click
	var smallIDs []string
	for _, f := range small {
		smallIDs = append(smallIDs, f.UserID)
	}
	tiny := uploadAudience(t, ts, "tiny", smallIDs)
	sb.Advance(time.Second)
	tinyCast := narrowcastNow(t, ts, fmt.Sprintf(`{`+textMessages+`,"recipient":{"type":"audience","audienceGroupId":%d}}`, tiny))
	sb.Advance(2 * time.Second)
	failing := createRetarget(t, ts, "click", "too few", tinyCast)
	sb.Advance(time.Second)
	group, _ = getAudience(t, ts, failing)
	require.Equal(t, "FAILED", group["status"])
	require.Equal(t, "AUDIENCE_GROUP_AUDIENCE_INSUFFICIENT", group["failedType"])
	require.EqualValues(t, 0, group["audienceCount"], "fewer than 20: shown as 0")
}

func TestListAudiences(t *testing.T) {
	sb, ts := startCast(t, Options{})
	for i := range 5 {
		uploadAudience(t, ts, fmt.Sprintf("Spring %d", i), userIDs(1, i+1))
	}
	uploadAudience(t, ts, "autumn", userIDs(1, 9))
	sb.Advance(time.Second)
	list := func(query string) map[string]any {
		got := call(t, ts, http.MethodGet, "/v2/bot/audienceGroup/list?"+query, "", nil)
		require.Equal(t, http.StatusOK, got.status, "%v", got.body)
		return got.body.(map[string]any)
	}
	page := list("page=2&size=2&description=SPRING")
	require.Equal(t, true, page["hasNextPage"])
	require.EqualValues(t, 5, page["totalCount"])
	require.EqualValues(t, 2, page["size"])
	groups := page["audienceGroups"].([]any)
	require.Len(t, groups, 2)
	require.Equal(t, "Spring 2", groups[0].(map[string]any)["description"])
	last := list("page=3&size=2&description=spring")
	require.Equal(t, false, last["hasNextPage"])
	require.Len(t, last["audienceGroups"], 1)
	require.EqualValues(t, 6, list("page=1")["totalCount"])
	require.Len(t, list("page=9")["audienceGroups"], 0)
	require.Equal(t, http.StatusBadRequest, call(t, ts, http.MethodGet, "/v2/bot/audienceGroup/list?page=1&size=41", "", nil).status)
	require.Equal(t, http.StatusBadRequest, call(t, ts, http.MethodGet, "/v2/bot/audienceGroup/list", "", nil).status)
}

func TestAudienceRateLimit(t *testing.T) {
	_, ts := startCast(t, Options{RateLimits: true})
	for i := range 60 {
		require.Equal(t, http.StatusOK, call(t, ts, http.MethodGet, "/v2/bot/audienceGroup/list?page=1", "", nil).status, i)
	}
	got := call(t, ts, http.MethodGet, "/v2/bot/audienceGroup/list?page=1", "", nil)
	require.Equal(t, http.StatusTooManyRequests, got.status)
}

// TestSDKClients drives audiences and a narrowcast through the Go SDK.
func TestSDKClients(t *testing.T) {
	sb, ts := startCast(t, Options{})
	aud, err := manage_audience.NewManageAudienceAPI(testToken, manage_audience.WithEndpoint(ts.URL))
	require.NoError(t, err)
	created, err := aud.CreateAudienceGroup(&manage_audience.CreateAudienceGroupRequest{
		Description: "sdk", UploadDescription: "first", Audiences: []manage_audience.Audience{{Id: userA}}})
	require.NoError(t, err)
	sb.Advance(time.Second)
	data, err := aud.GetAudienceData(created.AudienceGroupId)
	require.NoError(t, err)
	require.Equal(t, manage_audience.AudienceGroupStatus_READY, data.AudienceGroup.Status)
	require.Equal(t, manage_audience.AudienceGroupJobStatus_FINISHED, data.Jobs[0].JobStatus)
	list, err := aud.GetAudienceGroups(1, "", "", 0, true, "")
	require.NoError(t, err)
	require.EqualValues(t, 1, list.TotalCount)
	_, err = aud.DeleteAudienceGroup(created.AudienceGroupId)
	require.NoError(t, err)

	c := sdkClient(t, ts)
	res, _, err := c.NarrowcastWithHttpInfo(&messaging_api.NarrowcastRequest{
		Messages: []messaging_api.MessageInterface{messaging_api.TextMessage{Text: "hi"}},
		Filter: &messaging_api.Filter{Demographic: &messaging_api.GenderDemographicFilter{
			OneOf: []messaging_api.GenderDemographic{messaging_api.GenderDemographic_FEMALE}}},
		Limit: &messaging_api.Limit{Max: 100, UpToRemainingQuota: true},
	}, keyTwo)
	require.NoError(t, err)
	require.Equal(t, http.StatusAccepted, res.StatusCode)
	id := res.Header.Get("X-Line-Request-Id")
	sb.Advance(2 * time.Second)
	p, err := c.GetNarrowcastProgress(id)
	require.NoError(t, err)
	require.Equal(t, messaging_api.NarrowcastProgressResponsePHASE_SUCCEEDED, p.Phase)
	require.EqualValues(t, 100, p.SuccessCount)
	require.Equal(t, castT0.Add(3*time.Second), p.CompletedTime)
}
