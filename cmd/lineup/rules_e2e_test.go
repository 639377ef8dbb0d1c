package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/lang"
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
// holds them) to the sandbox's validate endpoints: LINE accepts every
// one, and so must the sandbox.
func TestAllMessagesOnSandbox(t *testing.T) {
	srv, _ := newRulesSandbox(t, sandbox.Options{})
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
			status, got, _ := send(t, srv, http.MethodPost, "/v2/bot/message/validate/"+kind, nil,
				mustJSON(t, map[string]any{"messages": body["messages"]}))
			if status != http.StatusOK {
				t.Errorf("%s on validate/%s: %d %+v, want 200", addr, kind, status, got)
			}
		}
	}
}

// TestInvalidFixturesOnSandbox sends the payload of each invalid fixture
// of planner/testdata/invalid that lineup can build (the language has no
// errors) to the sandbox: push refuses every one with LINE's 400 shape,
// "The request body has N error(s)" and N details, each naming the
// property; validate/push, which sees the messages alone, refuses no
// more than push does. What each detail says is checked against LINE's
// documented answers by TestLINEErrorBodies.
func TestInvalidFixturesOnSandbox(t *testing.T) {
	srv, _ := newRulesSandbox(t, sandbox.Options{})
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
				status, pushed, _ := send(t, srv, http.MethodPost, "/v2/bot/message/push", nil, mustJSON(t, s.Body))
				if status != http.StatusBadRequest {
					t.Fatalf("push: status %d, want 400", status)
				}
				checkShape(t, pushed)
				status, validated, _ := send(t, srv, http.MethodPost, "/v2/bot/message/validate/push", nil,
					mustJSON(t, map[string]any{"messages": s.Body["messages"]}))
				if status == http.StatusOK {
					continue
				}
				checkShape(t, validated)
				if extra := missing(validated, pushed); len(extra) > 0 {
					t.Errorf("validate/push refuses what push accepts: %v", extra)
				}
			}
		})
	}
	if built < 60 {
		t.Errorf("only %d invalid fixtures give a payload", built)
	}
}

// checkShape checks a 400 for broken rules: "The request body has N
// error(s)" and N details, each with a property and a message.
func checkShape(t *testing.T, e lineError) {
	t.Helper()
	if len(e.Details) == 0 {
		t.Fatalf("no details in %+v", e)
	}
	if want := "The request body has " + itoa(len(e.Details)) + " error(s)"; e.Message != want {
		t.Errorf("message %q, want %q", e.Message, want)
	}
	for _, d := range e.Details {
		if d.Property == "" || d.Message == "" {
			t.Errorf("detail %+v lacks its property or message", d)
		}
	}
}

// missing lists the details of a that b lacks.
func missing(a, b lineError) []string {
	have := map[string]bool{}
	for _, d := range b.Details {
		have[d.Property+": "+d.Message] = true
	}
	var out []string
	for _, d := range a.Details {
		if k := d.Property + ": " + d.Message; !have[k] {
			out = append(out, k)
		}
	}
	return out
}

func itoa(n int) string {
	data, _ := json.Marshal(n)
	return string(data)
}

func newRulesSandbox(t *testing.T, opts sandbox.Options) (*httptest.Server, *sandbox.Server) {
	t.Helper()
	opts.Token = testToken
	sb, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return srv, sb
}

// send makes one request with the channel access token and, with a body,
// JSON; header adds or, with "", removes headers. It returns the status,
// the body as LINE's error shape and as raw bytes.
func send(t *testing.T, srv *httptest.Server, method, path string, header map[string]string, body string) (int, lineError, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, srv.URL+path, r)
	req.Header.Set("Authorization", "Bearer "+testToken)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out lineError
	_ = json.Unmarshal(raw, &out)
	return res.StatusCode, out, raw
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// equalJSONText reports whether two JSON texts hold the same value.
func equalJSONText(t *testing.T, want string, got []byte) string {
	t.Helper()
	var w, g any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad golden JSON %q: %v", want, err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return "not JSON: " + string(got)
	}
	return cmp.Diff(w, g)
}
