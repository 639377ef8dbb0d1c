package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// jsonl FILE checks that FILE holds one JSON object per line, each with a
// "type", an "@message" and an RFC 3339 "@timestamp", as apply -json
// streams them, and writes "TYPE ADDRESS RESULT" for each line to stdout,
// for stdout and cmp to check.
func cmdJSONLines(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: jsonl FILE")
	}
	out := ts.Stdout()
	for i, line := range strings.Split(strings.TrimRight(ts.ReadFile(args[0]), "\n"), "\n") {
		var e map[string]any
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			ts.Fatalf("%s:%d: not one JSON object: %v\n%s", args[0], i+1, err, line)
		}
		typ, _ := e["type"].(string)
		msg, _ := e["@message"].(string)
		stamp, _ := e["@timestamp"].(string)
		if typ == "" || msg == "" {
			ts.Fatalf("%s:%d: no \"type\" or \"@message\": %s", args[0], i+1, line)
		}
		if _, err := time.Parse(time.RFC3339Nano, stamp); err != nil {
			ts.Fatalf("%s:%d: \"@timestamp\": %v", args[0], i+1, err)
		}
		fmt.Fprintln(out, strings.TrimSpace(fmt.Sprintf("%s %s %s", typ, str(e["address"]), str(e["result"]))))
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
