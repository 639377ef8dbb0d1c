package lang

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

const inboxToken = "q-inbox-token-of-the-question"

// fakeInbox is an inbox reader that counts its calls and remembers the
// path it was given.
type fakeInbox struct {
	calls int
	path  string
	err   error
}

func (f *fakeInbox) read(_ Settings, path string) (map[string]InboxMessage, error) {
	f.calls++
	f.path = path
	return map[string]InboxMessage{
		"500000000000000001": {
			ID: "500000000000000001", Type: "text", QuoteToken: inboxToken,
			Chat: "U0123456789abcdef0123456789abcdef", UserID: "U0123456789abcdef0123456789abcdef",
			Text: "can I reserve a table?",
		},
	}, f.err
}

func TestInboxQuoteToken(t *testing.T) {
	f := &fakeInbox{}
	cfg, diags := Load("testdata/inbox", Options{Inbox: f.read})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	if f.calls != 1 || f.path != filepath.Join("testdata/inbox", "webhook/inbox.jsonl") {
		t.Errorf("reader called %d times with %q", f.calls, f.path)
	}
	msgs := cfg.Sends[0].Body["messages"].([]any)
	if got := msgs[0].(map[string]any)["quoteToken"]; got != inboxToken {
		t.Errorf("quoteToken = %v, want the inbox message's", got)
	}
	// Evaluating again does not read the inbox again.
	if _, diags := cfg.Evaluate(map[string]Result{}); diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if f.calls != 1 {
		t.Errorf("reader called %d times", f.calls)
	}
}

// The inbox is read only by configurations that refer to it.
func TestInboxNotReadUnlessUsed(t *testing.T) {
	f := &fakeInbox{}
	if _, diags := Load("testdata/valid", Options{Inbox: f.read}); diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if f.calls != 0 {
		t.Errorf("reader called %d times", f.calls)
	}
}

// TestInboxErrors checks the "# ERROR:" comments of testdata/inbox_errors
// against the diagnostics, with a fake inbox.
func TestInboxErrors(t *testing.T) {
	f := &fakeInbox{}
	dir := "testdata/inbox_errors"
	want, _ := readExpectations(t, dir)
	_, diags := Load(dir, Options{Inbox: f.read})
	got := map[string]string{}
	for _, d := range diags {
		if d.Severity != hcl.DiagError || d.Subject == nil {
			t.Errorf("unexpected diagnostic: %s", d)
			continue
		}
		key := filepath.Base(d.Subject.Filename) + ":" + strconv.Itoa(d.Subject.Start.Line)
		if got[key] != "" {
			got[key] += " AND "
		}
		got[key] += d.Summary
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s\nall:\n%s", diff, diags.Error())
	}
	for _, d := range diags {
		if d.Summary == "Quote token from another chat" &&
			!strings.Contains(d.Detail, `message 500000000000000001 of the inbox, received in "U0123456789abcdef0123456789abcdef"`) {
			t.Errorf("detail does not name the inbox message: %s", d.Detail)
		}
	}
}

func TestInboxUnreadable(t *testing.T) {
	f := &fakeInbox{err: errors.New("inbox.jsonl:3: not an inbox record")}
	_, diags := Load("testdata/inbox", Options{Inbox: f.read})
	if len(diags) != 1 || diags[0].Summary != "Cannot read the inbox" {
		t.Fatalf("want one Cannot read the inbox, got:\n%s", diags.Error())
	}
	if !strings.Contains(diags[0].Detail, "not an inbox record") {
		t.Errorf("detail: %s", diags[0].Detail)
	}
}
