package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/rules"
)

// validateKinds are the kinds of POST /v2/bot/message/validate/{kind}.
var validateKinds = []string{"reply", "push", "multicast", "narrowcast", "broadcast"}

// lineError is LINE's error body.
type lineError struct {
	Message string `json:"message"`
	Details []struct {
		Message  string `json:"message"`
		Property string `json:"property"`
	} `json:"details"`
}

// TestAllMessagesOnSandbox sends the bodies of the configuration that
// uses every message type (planner/testdata/messages, as its golden file
// holds them) to the sandbox's validate endpoints: LINE's rules, as the
// sandbox applies them, accept every one.
func TestAllMessagesOnSandbox(t *testing.T) {
	srv := newRulesSandbox(t)
	data, err := os.ReadFile("../../planner/testdata/messages/bodies.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var bodies map[string]map[string]any
	if err := json.Unmarshal(data, &bodies); err != nil {
		t.Fatal(err)
	}
	for addr, body := range bodies {
		for _, kind := range validateKinds {
			status, got := post(t, srv, "/v2/bot/message/validate/"+kind, map[string]any{"messages": body["messages"]})
			if status != http.StatusOK {
				t.Errorf("%s on validate/%s: %d %+v, want 200", addr, kind, status, got)
			}
		}
	}
}

// TestInvalidMessagesOnSandbox sends the payload of each invalid fixture
// of planner/testdata/invalid that lineup can build (the language has no
// errors) to the sandbox: the push endpoint answers 400 with one detail
// for each problem the rules find, and validate/push does so for the
// problems of the messages alone (it knows no destination).
func TestInvalidMessagesOnSandbox(t *testing.T) {
	srv := newRulesSandbox(t)
	files, _ := filepath.Glob("../../planner/testdata/invalid/*/*.lineup.hcl")
	built := 0
	for _, path := range files {
		dir := t.TempDir()
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, diags := lang.Load(dir, lang.Options{})
		if diags.HasErrors() {
			continue // the language refused it; there is no payload
		}
		built++
		name := strings.TrimSuffix(strings.TrimPrefix(path, "../../planner/testdata/invalid/"), ".lineup.hcl")
		t.Run(name, func(t *testing.T) {
			for _, s := range cfg.Sends {
				checkRefused(t, srv, "/v2/bot/message/push", s.Body, rules.Push(s.Body))
				msgs := map[string]any{"messages": s.Body["messages"]}
				checkRefused(t, srv, "/v2/bot/message/validate/push", msgs, rules.Messages(s.Body["messages"]))
			}
		})
	}
	if built < 60 {
		t.Errorf("only %d invalid fixtures give a payload", built)
	}
}

// checkRefused posts body and compares the answer with the problems: 400
// with one detail each, or 200 when there are none.
func checkRefused(t *testing.T, srv *httptest.Server, path string, body map[string]any, ps []rules.Problem) {
	t.Helper()
	status, got := post(t, srv, path, body)
	if len(ps) == 0 {
		if status != http.StatusOK {
			t.Errorf("%s: %d %+v, want 200", path, status, got)
		}
		return
	}
	if status != http.StatusBadRequest {
		t.Fatalf("%s: status %d, want 400", path, status)
	}
	var want, props []string
	for _, p := range ps {
		want = append(want, p.Path+": "+p.Message)
	}
	for _, d := range got.Details {
		props = append(props, d.Property+": "+d.Message)
	}
	sort.Strings(want)
	sort.Strings(props)
	if diff := cmp.Diff(want, props); diff != "" {
		t.Errorf("%s details (-want +got):\n%s", path, diff)
	}
	if !strings.HasPrefix(got.Message, "The request body has ") {
		t.Errorf("%s message %q", path, got.Message)
	}
}

func newRulesSandbox(t *testing.T) *httptest.Server {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, srv *httptest.Server, path string, body any) (int, lineError) {
	t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(data))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out lineError
	_ = json.Unmarshal(raw, &out)
	return res.StatusCode, out
}
