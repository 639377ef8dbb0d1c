package lang

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const messagesConfig = `
bundle "a" {
  text {
    text = "a1"
  }
  sticker {
    package_id  = "446"
    sticker_id  = "1988"
    quote_token = push.q.sent[0].quote_token
  }
}

bundle "b" {
  text {
    text = "b1"
  }
}

push "q" {
  to       = "U1"
  messages = bundle.b
}

push "p" {
  to       = "U1"
  messages = MESSAGES
}
`

// TestMessagesExpressions checks that message objects keep their types and
// source lines through the expressions a send may use for messages.
func TestMessagesExpressions(t *testing.T) {
	tests := []struct {
		expr      string
		wantTypes []string
		wantLines []int // of each message object's block
	}{
		{expr: "bundle.a", wantTypes: []string{"text", "sticker"}, wantLines: []int{3, 6}},
		{expr: "concat(bundle.b, bundle.a)", wantTypes: []string{"text", "text", "sticker"}, wantLines: []int{14, 3, 6}},
		{expr: "[bundle.a[1], bundle.b[0]]", wantTypes: []string{"sticker", "text"}, wantLines: []int{6, 14}},
		{expr: "reverse(bundle.a)", wantTypes: []string{"sticker", "text"}, wantLines: []int{6, 3}},
		{expr: "slice(bundle.a, 1, 2)", wantTypes: []string{"sticker"}, wantLines: []int{6}},
		{expr: "true ? bundle.a : bundle.b", wantTypes: []string{"text", "sticker"}, wantLines: []int{3, 6}},
		{expr: "[for m in bundle.a : m]", wantTypes: []string{"text", "sticker"}, wantLines: []int{3, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "main.lineup.hcl"), strings.Replace(messagesConfig, "MESSAGES", tt.expr, 1))
			cfg, diags := Load(dir, Options{})
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
			}
			s := cfg.Sends[len(cfg.Sends)-1]
			var types []string
			var lines []int
			for i, m := range s.Body["messages"].([]any) {
				types = append(types, m.(map[string]any)["type"].(string))
				lines = append(lines, s.Ranges["messages["+strconv.Itoa(i)+"]"].Start.Line)
			}
			if diff := cmp.Diff(tt.wantTypes, types); diff != "" {
				t.Errorf("types (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantLines, lines); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"push.q"}, s.DependsOn); diff != "" {
				t.Errorf("DependsOn (-want +got):\n%s", diff)
			}
		})
	}
}
