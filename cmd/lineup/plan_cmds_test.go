package main

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/lineupdev/lineup/planner/plandoc"
	"github.com/rogpeppe/go-internal/testscript"
)

// edit-plan [-keep-digest] FILE PATH=VALUE... edits a saved plan by hand:
// each PATH (a JSON path, "changes[0].payload.to") is set to VALUE, a JSON
// value, or to the value at another path for @PATH (read before any is
// set, so "a=@b b=@a" swaps them). Then the plan_digest is made again
// over what the file holds, as a careful editor would, unless
// -keep-digest.
func cmdEditPlan(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! edit-plan")
	}
	keep := len(args) > 0 && args[0] == "-keep-digest"
	if keep {
		args = args[1:]
	}
	if len(args) < 2 {
		ts.Fatalf("usage: edit-plan [-keep-digest] FILE PATH=VALUE...")
	}
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	var doc any
	ts.Check(json.Unmarshal(data, &doc))
	values := make([]any, len(args)-1)
	for i, arg := range args[1:] {
		_, value, _ := strings.Cut(arg, "=")
		if from, ok := strings.CutPrefix(value, "@"); ok {
			values[i] = jsonAt(ts, doc, from, nil)
			continue
		}
		ts.Check(json.Unmarshal([]byte(value), &values[i]))
	}
	for i, arg := range args[1:] {
		path, _, _ := strings.Cut(arg, "=")
		jsonAt(ts, doc, path, &values[i])
	}
	data, err = json.Marshal(doc)
	ts.Check(err)
	var d plandoc.Document
	ts.Check(json.Unmarshal(data, &d))
	if !keep {
		d.PlanDigest, err = d.Digest()
		ts.Check(err)
	}
	var buf bytes.Buffer
	ts.Check(plandoc.Encode(&buf, &d))
	ts.Check(os.WriteFile(file, buf.Bytes(), 0o600))
}

var pathStep = regexp.MustCompile(`^\.?([^.\[]+)|^\[(\d+)\]`)

// jsonAt reads (set nil) or sets the value at path in the decoded JSON
// doc; it returns the value read.
func jsonAt(ts *testscript.TestScript, doc any, path string, set *any) any {
	var steps [][]string
	for rest := path; rest != ""; {
		m := pathStep.FindStringSubmatch(rest)
		if m == nil {
			ts.Fatalf("edit-plan: cannot read path %q at %q", path, rest)
		}
		rest = rest[len(m[0]):]
		steps = append(steps, m)
	}
	node := doc
	for n, m := range steps {
		last := n == len(steps)-1
		switch c := node.(type) {
		case map[string]any:
			if last && set != nil {
				c[m[1]] = *set
			}
			node = c[m[1]]
		case []any:
			i, err := strconv.Atoi(m[2])
			if err != nil || i >= len(c) {
				ts.Fatalf("edit-plan: %q: no such element", path)
			}
			if last && set != nil {
				c[i] = *set
			}
			node = c[i]
		default:
			ts.Fatalf("edit-plan: %q: no object or list there", path)
		}
	}
	return node
}
