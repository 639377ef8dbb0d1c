package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
)

// testLog is where test deliveries are logged, apart from the state.
var testLog = filepath.Join(".lineup", "test-deliveries.jsonl")

// maxPushMessages is how many message objects one push may hold
// (https://developers.line.biz/en/reference/messaging-api/#send-push-message).
const maxPushMessages = 5

// testEntry is one line of the test-delivery log.
type testEntry struct {
	Time      time.Time `json:"time"`
	Address   string    `json:"address"`
	Tester    string    `json:"tester"`
	RetryKey  string    `json:"retry_key"`
	RequestID string    `json:"request_id,omitempty"`
	Messages  int       `json:"messages"`
	Error     string    `json:"error,omitempty"`
}

// runTestDeliveries pushes the messages of every send the plan would
// make to the testers instead of its recipients, each send preceded by a
// text naming it and saying it is a test. Quote tokens (of another chat)
// and messages holding values known only after apply are left out, and
// the output says so. Every push has its own retry key; each is logged
// in .lineup/test-deliveries.jsonl; the state is never written.
func runTestDeliveries(ctx context.Context, g global, f applyFlags, s Streams) int {
	w, ok := loadWithState(ctx, f.inputs, f.stateFlags, "", false, g, s)
	if !ok {
		return 1
	}
	testers := slices.Clone([]string(f.testTo))
	if f.test {
		testers = append(testers, w.cfg.Settings.Testers...)
	}
	if len(testers) == 0 {
		return fail(s, errors.New("-test delivers to the lineup block's testers, and it names none: add "+
			"testers = [\"U...\"] to the lineup block, or give -test-to=USER_ID"))
	}
	p, ok := makePlan(w.cfg, w.st, &f.selection, nil, g, s)
	if !ok {
		return 1
	}
	client, closeLine, err := connect(w.cfg, f.sandbox, s)
	if err != nil {
		return fail(s, err)
	}
	defer closeLine()
	if err := os.MkdirAll(filepath.Dir(testLog), 0o755); err != nil {
		return fail(s, err)
	}
	logf, err := os.OpenFile(testLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fail(s, err)
	}
	defer logf.Close()
	enc := json.NewEncoder(logf)
	failed, sent := 0, 0
	for _, ch := range p.Changes {
		if ch.Send == nil || ch.IsAudience() || (ch.Action != planner.Send && ch.Action != planner.Unresolved) {
			continue
		}
		msgs := testMessages(ch, s)
		marker := map[string]any{"type": "text", "text": fmt.Sprintf("TEST of %s: a test delivery, not the real send.", ch.Address)}
		all := append([]any{marker}, msgs...)
		for _, tester := range testers {
			for start := 0; start < len(all); start += maxPushMessages {
				part := all[start:min(start+maxPushMessages, len(all))]
				e := testEntry{Time: s.Now().UTC(), Address: ch.Address, Tester: tester, RetryKey: uuid.NewString(), Messages: len(part)}
				res, err := client.Push(ctx, map[string]any{"to": tester, "messages": part}, e.RetryKey)
				if err != nil {
					e.Error = err.Error()
					failed++
					fmt.Fprintf(s.Err, "Error: test delivery of %s to %s: %v\n", ch.Address, tester, err)
				} else {
					e.RequestID = res.RequestID
					sent++
				}
				if err := enc.Encode(e); err != nil {
					return fail(s, fmt.Errorf("logging the test delivery: %w", err))
				}
			}
			fmt.Fprintf(s.Out, "%s: test delivered to %s (%d messages and the test marker)\n", ch.Address, tester, len(msgs))
		}
	}
	fmt.Fprintf(s.Out, "Test deliveries: %d pushes sent, %d failed; logged in %s. Nothing was marked as sent.\n", sent, failed, testLog)
	if failed > 0 {
		return 1
	}
	return 0
}

// testMessages are the send's message objects for a tester: without
// quote tokens, which belong to the recipients' chat, and without the
// messages that hold values known only after apply; the output names
// what was left out.
func testMessages(ch *planner.Change, s Streams) []any {
	var out []any
	msgs, _ := ch.Send.Body["messages"].([]any)
	for i, m := range msgs {
		mo, ok := m.(map[string]any)
		if !ok {
			continue
		}
		c := make(map[string]any, len(mo))
		for k, v := range mo {
			c[k] = v
		}
		path := lang.JoinIndex("messages", i)
		if _, ok := c["quoteToken"]; ok {
			delete(c, "quoteToken")
			fmt.Fprintf(s.Out, "%s: %s.quoteToken left out: it quotes a message of another chat\n", ch.Address, path)
		}
		if lang.HasUnknown(c) {
			fmt.Fprintf(s.Out, "%s: %s left out: it holds values known only after apply\n", ch.Address, path)
			continue
		}
		out = append(out, c)
	}
	return out
}
