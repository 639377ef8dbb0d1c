package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// sandbox-audiences [-members] prints the script sandbox's audiences, one
// a line, oldest first:
//
//	audience ID TYPE STATUS count=N "DESCRIPTION" [request=REQUEST_ID]
//
// and with -members each member on a line of its own below, indented.
func cmdSandboxAudiences(ts *testscript.TestScript, neg bool, args []string) {
	members := len(args) == 1 && args[0] == "-members"
	if len(args) > 1 || len(args) == 1 && !members {
		ts.Fatalf("usage: sandbox-audiences [-members]")
	}
	for _, a := range scriptSandbox(ts).Audiences() {
		line := fmt.Sprintf("audience %d %s %s count=%d %q", a.ID, a.Type, a.Status, a.Count, a.Description)
		if a.RequestID != "" {
			line += " request=" + a.RequestID
		}
		fmt.Fprintln(ts.Stdout(), line)
		if members {
			for _, m := range a.Members {
				fmt.Fprintln(ts.Stdout(), "  "+m)
			}
		}
	}
}

// sandbox-requests [PATH_REGEXP] prints the sandbox's request log, one
// request a line, oldest first, leaving out those whose path does not
// match:
//
//	METHOD PATH[?QUERY] STATUS [accepted] [key=RETRY_KEY] id=REQUEST_ID [body=JSON]
//
// The body is shown only when it is under 400 bytes.
func cmdSandboxRequests(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) > 1 {
		ts.Fatalf("usage: sandbox-requests [PATH_REGEXP]")
	}
	var re *regexp.Regexp
	if len(args) == 1 {
		re = regexp.MustCompile(args[0])
	}
	for _, r := range scriptSandbox(ts).Requests() {
		if re != nil && !re.MatchString(r.Path) {
			continue
		}
		path := r.Path
		if r.Query != "" {
			path += "?" + r.Query
		}
		line := fmt.Sprintf("%s %s %d", r.Method, path, r.Status)
		if r.Accepted {
			line += " accepted"
		}
		if r.RetryKey != "" {
			line += " key=" + r.RetryKey
		}
		line += " id=" + r.RequestID
		if len(r.Body) > 0 && len(r.Body) < 400 {
			line += " body=" + strings.TrimSpace(string(r.Body))
		}
		fmt.Fprintln(ts.Stdout(), line)
	}
}

// request-id VAR METHOD PATH [N] sets VAR to the request ID of the N-th
// (from 1; default: the latest) request to PATH that the sandbox
// answered with a 2xx.
func cmdRequestID(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 && len(args) != 4 {
		ts.Fatalf("usage: request-id VAR METHOD PATH [N]")
	}
	var ids []string
	for _, r := range scriptSandbox(ts).Requests() {
		if r.Method == args[1] && r.Path == args[2] && r.Status/100 == 2 {
			ids = append(ids, r.RequestID)
		}
	}
	n := len(ids)
	if len(args) == 4 {
		var err error
		n, err = strconv.Atoi(args[3])
		ts.Check(err)
	}
	if n < 1 || n > len(ids) {
		ts.Fatalf("%d %s %s were answered with a 2xx; want number %d", len(ids), args[1], args[2], n)
	}
	ts.Setenv(args[0], ids[n-1])
}

// friend-ids FILE N [FROM] writes the user IDs of N friends of the
// script's sandbox who did not block the account to FILE, one a line:
// the first N of them, or those from the FROM-th on (0-based).
func cmdFriendIDs(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 && len(args) != 3 {
		ts.Fatalf("usage: friend-ids FILE N [FROM]")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	from := 0
	if len(args) == 3 {
		from, err = strconv.Atoi(args[2])
		ts.Check(err)
	}
	var ids []string
	for _, f := range scriptSandbox(ts).Population() {
		if !f.Blocked {
			ids = append(ids, f.UserID)
		}
	}
	if from+n > len(ids) {
		ts.Fatalf("the sandbox has %d friends who did not block the account; want %d from %d", len(ids), n, from)
	}
	writeLines(ts, args[0], ids[from:from+n])
}

// gen-ids FILE N writes N distinct, well-formed user IDs to FILE, one a
// line, the same ones every time. Few of them, if any, are friends.
func cmdGenIDs(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: gen-ids FILE N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	ids := make([]string, n)
	for i := range ids {
		sum := sha256.Sum256([]byte(strconv.Itoa(i)))
		ids[i] = "U" + hex.EncodeToString(sum[:16])
	}
	writeLines(ts, args[0], ids)
}

func writeLines(ts *testscript.TestScript, file string, lines []string) {
	f, err := os.Create(ts.MkAbs(file))
	ts.Check(err)
	w := bufio.NewWriter(f)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	ts.Check(w.Flush())
	ts.Check(f.Close())
}

// sandbox-delays NARROWCAST AUDIENCE sets how long the script's sandbox
// takes to deliver a narrowcast (each of its waiting and sending phases)
// and to build an audience, for those made from now on: Go durations, 0
// for the sandbox's defaults, "instant" for no time at all.
func cmdSandboxDelays(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sandbox-delays NARROWCAST AUDIENCE")
	}
	var d [2]time.Duration
	for i, a := range args {
		if a == "instant" {
			d[i] = -1
			continue
		}
		v, err := time.ParseDuration(a)
		ts.Check(err)
		d[i] = v
	}
	scriptSandbox(ts).SetDelays(d[0], d[1])
}

// lines-count FILE N asserts that FILE holds N non-empty lines.
func cmdLinesCount(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: lines-count FILE N")
	}
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	got := 0
	for _, l := range strings.Split(ts.ReadFile(args[0]), "\n") {
		if strings.TrimSpace(l) != "" {
			got++
		}
	}
	if (got == want) == neg {
		ts.Fatalf("%s has %d lines; want %d", args[0], got, want)
	}
}

// contains-file PART FILE asserts that FILE contains the text of the
// file PART, without its surrounding space.
func cmdContainsFile(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: contains-file PART FILE")
	}
	part := strings.TrimSpace(ts.ReadFile(args[0]))
	if strings.Contains(ts.ReadFile(args[1]), part) == neg {
		ts.Fatalf("%s contains %q: %v", args[1], part, !neg)
	}
}

// audience-members ID|DESCRIPTION FILE asserts that the sandbox's
// audience of that ID or description holds exactly the user IDs listed
// in FILE.
func cmdAudienceMembers(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: audience-members ID|DESCRIPTION FILE")
	}
	want := strings.Fields(ts.ReadFile(args[1]))
	slices.Sort(want)
	for _, a := range scriptSandbox(ts).Audiences() {
		if strconv.FormatInt(a.ID, 10) != args[0] && a.Description != args[0] {
			continue
		}
		if slices.Equal(a.Members, want) == neg {
			ts.Fatalf("audience %s has %d members; want the %d of %s", args[0], len(a.Members), len(want), args[1])
		}
		return
	}
	ts.Fatalf("the sandbox has no audience %s", args[0])
}

// audience-id VAR DESCRIPTION sets VAR to the ID of the sandbox's
// audience with that description.
func cmdAudienceID(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: audience-id VAR DESCRIPTION")
	}
	for _, a := range scriptSandbox(ts).Audiences() {
		if a.Description == args[1] {
			ts.Setenv(args[0], strconv.FormatInt(a.ID, 10))
			return
		}
	}
	ts.Fatalf("the sandbox has no audience %q", args[1])
}

// keys-used PLAN LOG asserts that every retry key of the saved plan PLAN
// ("retry_key" and "retry_keys" of its changes) appears in the file LOG.
func cmdKeysUsed(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: keys-used PLAN LOG")
	}
	var plan struct {
		Changes []struct {
			RetryKey  string   `json:"retry_key"`
			RetryKeys []string `json:"retry_keys"`
		} `json:"changes"`
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &plan))
	log := ts.ReadFile(args[1])
	n := 0
	for _, ch := range plan.Changes {
		for _, key := range append(ch.RetryKeys, ch.RetryKey) {
			if key == "" {
				continue
			}
			n++
			if !strings.Contains(log, key) {
				ts.Fatalf("retry key %s of %s is not in %s", key, args[0], args[1])
			}
		}
	}
	if n == 0 {
		ts.Fatalf("%s has no retry keys", args[0])
	}
}
