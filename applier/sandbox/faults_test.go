package sandbox

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestParseFaults(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		want    Faults
		wantErr string
	}{
		{name: "empty", spec: "", want: nil},
		{name: "several", spec: "drop-after=0.1, 500-before=0.05,timeout-after=0,429=0.25",
			want: Faults{{Kind: FaultDropAfter, Probability: 0.1}, {Kind: Fault500Before, Probability: 0.05},
				{Kind: FaultTimeoutAfter, Probability: 0}, {Kind: Fault429, Probability: 0.25}}},
		{name: "sum of exactly 1", spec: "drop-before=0.5,500-after=0.5",
			want: Faults{{Kind: FaultDropBefore, Probability: 0.5}, {Kind: Fault500After, Probability: 0.5}}},
		{name: "unknown kind", spec: "explode=0.1", wantErr: `unknown fault kind "explode"`},
		{name: "no probability", spec: "drop-after", wantErr: "want KIND=PROBABILITY"},
		{name: "not a number", spec: "drop-after=often", wantErr: "not a number between 0 and 1"},
		{name: "above 1", spec: "drop-after=1.5", wantErr: "not a number between 0 and 1"},
		{name: "negative", spec: "drop-after=-0.1", wantErr: "not a number between 0 and 1"},
		{name: "NaN", spec: "drop-after=NaN", wantErr: "not a number between 0 and 1"},
		{name: "sum over 1", spec: "drop-after=0.6,500-after=0.5", wantErr: "sum to 1.1"},
		{name: "twice", spec: "429=0.1,429=0.2", wantErr: "given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFaults(tt.spec)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseFaults (-want +got):\n%s", diff)
			}
			again, err := ParseFaults(got.String())
			require.NoError(t, err)
			require.Equal(t, got, again, "String round trip")
		})
	}
}

// rawPush sends a push with keyOne through client, as the applier would.
func rawPush(t *testing.T, client *http.Client, ts string, text string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts+"/v2/bot/message/push", strings.NewReader(textPush(userA, text)))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Line-Retry-Key", keyOne)
	res, err := client.Do(req)
	if err == nil {
		res.Body.Close()
	}
	return res, err
}

func TestFaultKinds(t *testing.T) {
	tests := []struct {
		kind string
		// clientStatus is what the client sees; 0 is a transport error.
		clientStatus int
		logStatus    int
		accepted     bool
		retryStatus  int
	}{
		{kind: FaultDropBefore, clientStatus: 0, logStatus: 0, accepted: false, retryStatus: 200},
		{kind: FaultDropAfter, clientStatus: 0, logStatus: 0, accepted: true, retryStatus: 409},
		{kind: Fault500Before, clientStatus: 500, logStatus: 500, accepted: false, retryStatus: 200},
		{kind: Fault500After, clientStatus: 500, logStatus: 500, accepted: true, retryStatus: 409},
		{kind: FaultTimeoutAfter, clientStatus: 0, logStatus: 0, accepted: true, retryStatus: 409},
		{kind: Fault429, clientStatus: 429, logStatus: 429, accepted: false, retryStatus: 200},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			t.Parallel()
			sb, ts := start(t, Options{Faults: Faults{{Kind: tt.kind, Probability: 1}},
				FaultTimeout: 10 * time.Second})
			client := &http.Client{Timeout: 300 * time.Millisecond}
			began := time.Now()
			res, err := rawPush(t, client, ts.URL, "faulty")
			if tt.clientStatus == 0 {
				require.Error(t, err, "the client should get no answer")
			} else {
				require.NoError(t, err)
				require.Equal(t, tt.clientStatus, res.StatusCode)
			}
			require.Less(t, time.Since(began), 3*time.Second)

			log := sb.Requests()
			require.Len(t, log, 1)
			want := LoggedRequest{Status: tt.logStatus, Accepted: tt.accepted, Fault: tt.kind}
			got := LoggedRequest{Status: log[0].Status, Accepted: log[0].Accepted, Fault: log[0].Fault}
			require.Equal(t, want, got)

			sb.SetFaults(nil)
			retry := push(t, ts, textPush(userA, "faulty"), keyOne)
			require.Equal(t, tt.retryStatus, retry.status, "retry with the same key: %v", retry.body)
			require.Equal(t, map[string]int{keyOne: 1}, sb.AcceptedByKey(), "sent exactly once")
			require.Len(t, sb.Deliveries(), 1)
		})
	}
}

func TestFaultTimeoutDropsWhenTheClientWaits(t *testing.T) {
	sb, ts := start(t, Options{Faults: Faults{{Kind: FaultTimeoutAfter, Probability: 1}},
		FaultTimeout: 50 * time.Millisecond})
	_, err := rawPush(t, &http.Client{Timeout: 5 * time.Second}, ts.URL, "slow")
	require.Error(t, err)
	require.True(t, sb.Requests()[0].Accepted)
}

func TestFaultsOnlyOnAcceptedSends(t *testing.T) {
	sb, ts := start(t, Options{Faults: Faults{{Kind: Fault500After, Probability: 1}}})
	v := call(t, ts, http.MethodPost, "/v2/bot/message/validate/push", `{"messages":[{"type":"text","text":"v"}]}`, nil)
	require.Equal(t, http.StatusOK, v.status, "validate is not a send")
	bad := push(t, ts, `{"to":"nobody","messages":[]}`, "")
	require.Equal(t, http.StatusBadRequest, bad.status, "a rejected send keeps its answer")
	for i, r := range sb.Requests() {
		require.Empty(t, r.Fault, "request %d", i)
	}

	sb.SetFaults(nil)
	require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "x"), keyTwo).status)
	sb.SetFaults(Faults{{Kind: FaultDropAfter, Probability: 1}})
	dup := push(t, ts, textPush(userA, "x"), keyTwo)
	require.Equal(t, http.StatusConflict, dup.status, "an after fault is not played on a 409")
}

func TestFaultsSeeded(t *testing.T) {
	statuses := func() []int {
		sb, err := New(Options{Token: testToken, Seed: 42,
			Faults: Faults{{Kind: Fault500Before, Probability: 0.5}}})
		require.NoError(t, err)
		ts := serve(t, sb)
		var out []int
		for range 20 {
			out = append(out, push(t, ts, textPush(userA, "x"), "").status)
		}
		return out
	}
	first := statuses()
	require.Equal(t, first, statuses(), "the same seed plays the same faults")
	require.Contains(t, first, 500)
	require.Contains(t, first, 200)
}

func TestFaultsOverHTTP(t *testing.T) {
	_, ts := start(t, Options{})
	set := call(t, ts, http.MethodPost, "/_sandbox/faults", `{"faults":"500-before=1"}`, nil)
	require.Equal(t, http.StatusOK, set.status, "%v", set.body)
	require.Equal(t, http.StatusInternalServerError, push(t, ts, textPush(userA, "x"), "").status)
	bad := call(t, ts, http.MethodPost, "/_sandbox/faults", `{"faults":"boom=1"}`, nil)
	require.Equal(t, http.StatusBadRequest, bad.status)
	call(t, ts, http.MethodPost, "/_sandbox/faults", `{"faults":""}`, nil)
	require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "x"), "").status)
}

func TestLatency(t *testing.T) {
	_, ts := start(t, Options{Latency: 150 * time.Millisecond})
	began := time.Now()
	require.Equal(t, http.StatusOK, push(t, ts, textPush(userA, "x"), "").status)
	require.GreaterOrEqual(t, time.Since(began), 150*time.Millisecond)

	slow, ts2 := start(t, Options{Latency: time.Minute})
	began = time.Now()
	_, err := rawPush(t, &http.Client{Timeout: 100 * time.Millisecond}, ts2.URL, "x")
	require.Error(t, err)
	ts2.Close() // waits for the handler, which must notice the client left
	require.Less(t, time.Since(began), 5*time.Second)
	require.True(t, slow.Requests()[0].Accepted, "latency delays the answer, not the send")
}
