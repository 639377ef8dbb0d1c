package lang

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// quoted finds the names hcl quotes in its diagnostics' details.
var quoted = regexp.MustCompile(`"([^"]*)"`)

// oneErrorPerMistake drops the diagnostics of Content that follow from
// another: a required argument reported missing because it was misspelt
// ("Did you mean ...?") is reported once, as the misspelling.
func oneErrorPerMistake(diags hcl.Diagnostics) hcl.Diagnostics {
	suggested := map[string]bool{}
	for _, d := range diags {
		if d.Summary == "Unsupported argument" {
			if m := quoted.FindAllStringSubmatch(d.Detail, -1); len(m) == 2 {
				suggested[m[1][1]] = true // An argument named "txet" ... Did you mean "text"?
			}
		}
	}
	if len(suggested) == 0 {
		return diags
	}
	out := diags[:0:0]
	for _, d := range diags {
		if d.Summary == "Missing required argument" {
			if m := quoted.FindStringSubmatch(d.Detail); m != nil && suggested[m[1]] {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// actionInItem explains an action block inside a quick reply item, where
// the action's fields go directly, and drops the "type" reported missing
// because it is inside that block.
func actionInItem(block *hcl.Block, diags hcl.Diagnostics) hcl.Diagnostics {
	if block.Type != "item" {
		return diags
	}
	nested := false
	for _, d := range diags {
		if d.Summary == "Unsupported block type" && quoted.FindString(d.Detail) == `"action"` {
			d.Detail = fmt.Sprintf(`Blocks of type "action" are not expected here. A quick reply item is an action: `+
				`its fields go directly in item, without an action block: write type = "message", label = "Yes" `+
				`and text = "yes" inside item (%s).`, languageDoc)
			nested = true
		}
	}
	if !nested {
		return diags
	}
	out := diags[:0:0]
	for _, d := range diags {
		if d.Summary == "Missing required argument" && quoted.FindString(d.Detail) == `"type"` {
			continue
		}
		out = append(out, d)
	}
	return out
}

// languageDoc is where the syntax of every block is shown.
const languageDoc = "see docs/language.md"

// SortDiagnostics orders diags by file, then line and column, keeping
// the order of diagnostics at one place and putting those without a
// place first.
func SortDiagnostics(diags hcl.Diagnostics) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		switch {
		case a == nil || b == nil:
			return a == nil && b != nil
		case a.Filename != b.Filename:
			return a.Filename < b.Filename
		case a.Start.Line != b.Start.Line:
			return a.Start.Line < b.Start.Line
		}
		return a.Start.Column < b.Start.Column
	})
}

// oneErrorPerString keeps one syntax error for a string left open: hcl
// reports "Invalid multi-line string" on line after line of what follows
// it (where quotes now open and close strings out of step), and
// "Unterminated template string" where it opened. Only the first is
// kept: the rest of the file cannot be read reliably anyway.
func oneErrorPerString(diags hcl.Diagnostics) hcl.Diagnostics {
	const multiLine = "Invalid multi-line string"
	unterminated := map[int]bool{} // by line
	for _, d := range diags {
		if d.Summary == "Unterminated template string" && d.Subject != nil {
			unterminated[d.Subject.Start.Line] = true
		}
	}
	out := diags[:0:0]
	seen := false
	for _, d := range diags {
		if d.Summary == multiLine && d.Subject != nil {
			if seen || unterminated[d.Subject.Start.Line] {
				seen = true
				continue
			}
			seen = true
		}
		out = append(out, d)
	}
	return out
}
