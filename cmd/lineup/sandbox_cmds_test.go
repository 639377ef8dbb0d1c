package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/rogpeppe/go-internal/testscript"
)

// line METHOD PATH [BODY] sends a request to the script's sandbox, as a
// LINE client would (the channel access token, JSON), and prints the
// answer on one line: STATUS BODY. It fails on a status other than 2xx
// (passes, with !, on one).
func cmdLine(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: line METHOD PATH [BODY]")
	}
	var body io.Reader
	if len(args) == 3 {
		body = strings.NewReader(args[2])
	}
	req, err := http.NewRequest(args[0], ts.Getenv("LINEUP_ENDPOINT")+args[1], body)
	ts.Check(err)
	req.Header.Set("Authorization", "Bearer "+ts.Getenv("LINE_CHANNEL_ACCESS_TOKEN"))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Do(req)
	ts.Check(err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "%d %s\n", res.StatusCode, strings.TrimSpace(string(data)))
	if (res.StatusCode/100 == 2) == neg {
		ts.Fatalf("%s %s answered %d", args[0], args[1], res.StatusCode)
	}
}

// sandbox-date VAR [DAYS] sets VAR to the sandbox's date in JST
// (yyyyMMdd, as LINE's date parameters take it), DAYS days from today.
func cmdSandboxDate(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: sandbox-date VAR [DAYS]")
	}
	days := 0
	if len(args) == 2 {
		var err error
		days, err = strconv.Atoi(args[1])
		ts.Check(err)
	}
	jst := time.FixedZone("JST", 9*60*60)
	day := scriptSandbox(ts).Now().In(jst).AddDate(0, 0, days)
	ts.Setenv(args[0], day.Format("20060102"))
}

// world-id VAR friend|blocked|group|room [N] sets VAR to the ID of the
// N-th (from 0) friend who did not block the account, friend who did,
// group or room of the script's sandbox.
func cmdWorldID(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: world-id VAR friend|blocked|group|room [N]")
	}
	n := 0
	if len(args) == 3 {
		var err error
		n, err = strconv.Atoi(args[2])
		ts.Check(err)
	}
	sb := scriptSandbox(ts)
	var ids []string
	switch args[1] {
	case "friend", "blocked":
		for _, f := range sb.Population() {
			if f.Blocked == (args[1] == "blocked") {
				ids = append(ids, f.UserID)
			}
		}
	case "group", "room":
		prefix := map[string]byte{"group": 'C', "room": 'R'}[args[1]]
		for _, c := range sb.Groups() {
			if c.ID[0] == prefix {
				ids = append(ids, c.ID)
			}
		}
	default:
		ts.Fatalf("usage: world-id VAR friend|blocked|group|room [N]")
	}
	if n >= len(ids) {
		ts.Fatalf("the sandbox has %d of %s; want number %d", len(ids), args[1], n)
	}
	ts.Setenv(args[0], ids[n])
}

// user-sends USER TYPE [CHAT] makes USER send a message of TYPE
// (sticker, image or video) to the bot, as user-says does for a text.
func cmdUserSends(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: user-sends USER sticker|image|video [CHAT]")
	}
	m := sandbox.UserMessage{Type: args[1]}
	if len(args) == 3 {
		m.Chat = args[2]
	}
	userWrites(ts, neg, args[0], m)
}

// userWrites makes user send m through the script's sandbox, prints what
// the sandbox answers, and sets MSG_ID, QUOTE_TOKEN and EVENT_ID. It
// fails when the webhook was not delivered (passes, with !, when it was
// not).
func userWrites(ts *testscript.TestScript, neg bool, user string, m sandbox.UserMessage) {
	res, err := scriptSandbox(ts).UserWrites(context.Background(), user, m)
	ts.Check(err)
	data, err := json.MarshalIndent(res, "", "  ")
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "%s\n", data)
	ts.Setenv("MSG_ID", res.MessageID)
	ts.Setenv("QUOTE_TOKEN", res.QuoteToken)
	ts.Setenv("EVENT_ID", res.WebhookEventID)
	if res.Delivery.Delivered == neg {
		ts.Fatalf("webhook delivered: %v after %d attempts (%s)", res.Delivery.Delivered, res.Delivery.Attempts, res.Delivery.Error)
	}
}
