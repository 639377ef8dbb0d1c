package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
)

// sendBlock is a send's or reply rule's block in the human plan; blockLine opens a block
// inside it.
var (
	sendBlock = regexp.MustCompile(`(?m)^  \+ (push|multicast|broadcast|narrowcast|reply) "[^"]+" \{\n((?:      .*\n|        .*\n)*)    \}$`)
	blockLine = regexp.MustCompile(`^\+ [a-z_0-9]+( "[^"]*")? \{$`)
)

// TestPlanNamesRoundTrip renders the plan of every example and loads
// the message blocks it prints back as bundles: the language must accept
// every attribute and block name the plan shows inside a message.
func TestPlanNamesRoundTrip(t *testing.T) {
	dirs, _ := filepath.Glob("../../examples/*")
	if len(dirs) == 0 {
		t.Fatal("no examples")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			cfg, diags := lang.Load(dir, lang.Options{})
			if diags.HasErrors() {
				t.Fatalf("loading:\n%s", diags.Error())
			}
			p, pd := planner.Make(cfg, nil, planner.Options{Now: func() time.Time { return now }})
			if len(pd) > 0 {
				t.Fatalf("planning:\n%s", pd.Error())
			}
			var buf bytes.Buffer
			if err := Human(&buf, p, HumanOptions{}); err != nil {
				t.Fatal(err)
			}
			sends := sendBlock.FindAllStringSubmatch(buf.String(), -1)
			if len(sends) == 0 {
				t.Fatalf("no send blocks in the plan:\n%s", buf.String())
			}
			if filepath.Base(dir) == "reply" && !strings.Contains(buf.String(), "  + reply ") {
				t.Fatalf("no reply rule in the plan of examples/reply:\n%s", buf.String())
			}
			var hcl strings.Builder
			for i, s := range sends {
				fmt.Fprintf(&hcl, "bundle \"b%d\" {\n%s}\n", i, messageBlocks(s[2]))
			}
			tmp := t.TempDir()
			if err := os.WriteFile(filepath.Join(tmp, "main.lineup.hcl"), []byte(hcl.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, diags := lang.Load(tmp, lang.Options{}); diags.HasErrors() {
				t.Errorf("the plan's message blocks are not the language:\n%s\nplan:\n%s\nas bundles:\n%s", diags.Error(), buf.String(), hcl.String())
			}
		})
	}
}

// messageBlocks keeps the blocks directly inside a send's block of the
// human plan (its message objects; limit is a narrowcast's), without
// their + symbols.
func messageBlocks(body string) string {
	var out strings.Builder
	in := false
	for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		rest := strings.TrimPrefix(line, "      ")
		top := !strings.HasPrefix(rest, " ")
		if top {
			in = blockLine.MatchString(rest) && !strings.HasPrefix(rest, "+ limit ")
		}
		if !in {
			continue
		}
		text := strings.TrimLeft(line, " ")
		text = strings.TrimPrefix(text, "+ ")
		text = strings.NewReplacer(knownAfterApply, `"after apply"`, sensitiveText, `"sensitive"`).Replace(text)
		out.WriteString(text + "\n")
		if top && !strings.HasSuffix(line, "{") {
			in = false
		}
	}
	return out.String()
}
