package main

import (
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/rogpeppe/go-internal/testscript"
)

// free-port NAME sets NAME to a TCP port free on 127.0.0.1.
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: free-port NAME")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := ln.Addr().(*net.TCPAddr).Port
	ts.Check(ln.Close())
	ts.Setenv(args[0], strconv.Itoa(port))
}

// wait-listen HOST:PORT waits up to 10 s for a server to accept
// connections there.
func cmdWaitListening(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: wait-listen HOST:PORT")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", args[0], time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("nothing listening on %s: %v", args[0], err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sb-webhook URL SECRET points the script's sandbox's webhooks at
// URL, signed with SECRET (as POST /_sandbox/webhook does).
func cmdSandboxWebhook(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sb-webhook URL SECRET")
	}
	scriptSandbox(ts).SetWebhook(args[0], args[1])
}

// user-says USER TEXT [CHAT] makes USER write TEXT to the bot (in CHAT,
// default the 1:1 chat) through the script's sandbox (see userWrites).
func cmdUserSays(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: user-says USER TEXT [CHAT]")
	}
	m := sandbox.UserMessage{Text: args[1]}
	if len(args) == 3 {
		m.Chat = args[2]
	}
	userWrites(ts, neg, args[0], m)
}

// wait-reply N waits up to 10 s for the sandbox to have accepted N
// replies, and fails if it accepted more.
func cmdWaitReplies(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: wait-reply N")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := 0
		for _, r := range scriptSandbox(ts).Requests() {
			if r.Accepted && r.Path == "/v2/bot/message/reply" {
				got++
			}
		}
		switch {
		case got > want:
			ts.Fatalf("sandbox accepted %d replies; want %d", got, want)
		case got == want:
			return
		case time.Now().After(deadline):
			ts.Fatalf("sandbox accepted %d replies after 10s; want %d", got, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// wait-inbox FILE N waits up to 10 s for the inbox FILE to hold N
// records: lineup serve records its replies once LINE has answered them,
// after the sandbox has counted them.
func cmdWaitInbox(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: wait-inbox FILE N")
	}
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, _ := os.ReadFile(ts.MkAbs(args[0]))
		got := strings.Count(string(data), "\n")
		switch {
		case got >= want:
			return
		case time.Now().After(deadline):
			ts.Fatalf("the inbox holds %d records after 10s; want %d", got, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
