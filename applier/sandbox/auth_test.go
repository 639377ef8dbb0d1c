package sandbox

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAuth(t *testing.T) {
	unauthorized := `{"message":"Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid."}`
	tests := []struct {
		name       string
		serverKey  string
		authHeader string
		wantStatus int
		wantBody   string
	}{
		{name: "missing", serverKey: testToken, authHeader: "<unset>",
			wantStatus: http.StatusUnauthorized, wantBody: unauthorized},
		{name: "wrong token", serverKey: testToken, authHeader: "Bearer nope",
			wantStatus: http.StatusUnauthorized, wantBody: unauthorized},
		{name: "not bearer", serverKey: testToken, authHeader: "Basic " + testToken,
			wantStatus: http.StatusUnauthorized, wantBody: unauthorized},
		{name: "empty bearer", serverKey: testToken, authHeader: "Bearer ",
			wantStatus: http.StatusUnauthorized, wantBody: unauthorized},
		{name: "right token", serverKey: testToken, authHeader: "Bearer " + testToken,
			wantStatus: http.StatusOK, wantBody: `{}`},
		{name: "any token when none configured", serverKey: "", authHeader: "Bearer whatever",
			wantStatus: http.StatusOK, wantBody: `{}`},
		{name: "empty token when none configured", serverKey: "", authHeader: "Bearer",
			wantStatus: http.StatusUnauthorized, wantBody: unauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, err := New(Options{Token: tt.serverKey})
			if err != nil {
				t.Fatal(err)
			}
			ts := serve(t, sb)
			got := call(t, ts, http.MethodPost, "/v2/bot/message/validate/push",
				`{"messages":[{"type":"text","text":"hi"}]}`,
				map[string]string{"Authorization": tt.authHeader})
			if got.status != tt.wantStatus {
				t.Errorf("status = %d, want %d", got.status, tt.wantStatus)
			}
			if diff := cmp.Diff(js(t, tt.wantBody), got.body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnknownPath(t *testing.T) {
	_, ts := start(t, Options{})
	tests := []struct {
		name   string
		method string
		path   string
		status int
		want   string
	}{
		{name: "markAsRead is not emulated", method: http.MethodPost, path: "/v2/bot/chat/markAsRead",
			status: http.StatusNotImplemented,
			want:   `{"message":"The sandbox does not emulate POST /v2/bot/chat/markAsRead; GET /_sandbox/endpoints lists the endpoints it does"}`},
		{name: "no such path", method: http.MethodGet, path: "/v2/bot/nothing", status: http.StatusNotImplemented,
			want: `{"message":"The sandbox does not emulate GET /v2/bot/nothing; GET /_sandbox/endpoints lists the endpoints it does"}`},
		{name: "wrong method", method: http.MethodGet, path: "/v2/bot/message/push", status: http.StatusNotImplemented,
			want: `{"message":"The sandbox does not emulate GET /v2/bot/message/push; GET /_sandbox/endpoints lists the endpoints it does"}`},
		{name: "sandbox path", method: http.MethodGet, path: "/_sandbox/nothing", status: http.StatusNotFound,
			want: `{"message":"Not found"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := call(t, ts, tt.method, tt.path, `{}`, nil)
			if got.status != tt.status {
				t.Errorf("status = %d, want %d", got.status, tt.status)
			}
			if diff := cmp.Diff(js(t, tt.want), got.body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}
