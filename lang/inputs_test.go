package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const precedenceConfig = `
variable "who" {
  type    = string
  default = "from-default"
}

variable "count" {
  type    = number
  default = 1
}

variable "tags" {
  type    = list(string)
  default = []
}

push "p" {
  to = var.who
  text {
    text = "${var.count} ${join(",", var.tags)}"
  }
}
`

// TestVariablePrecedence checks default < environment < -var-file < -var,
// and the conversion of strings from the environment and -var.
func TestVariablePrecedence(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.lineup.hcl"), precedenceConfig)
	hclVars := filepath.Join(dir, "vars.hcl")
	writeFile(t, hclVars, "who = \"from-hcl-file\"\ncount = 3\n")
	jsonVars := filepath.Join(dir, "vars.json")
	writeFile(t, jsonVars, `{"who": "from-json-file", "tags": ["a", "b"]}`)
	env := []string{"LINEUP_VAR_who=from-env", "LINEUP_VAR_count=2", "PATH=/bin", "LINEUP_VAR_unknown=x"}

	tests := []struct {
		name     string
		opts     Options
		wantTo   string
		wantText string
	}{
		{name: "default", opts: Options{}, wantTo: "from-default", wantText: "1 "},
		{name: "env", opts: Options{Env: env}, wantTo: "from-env", wantText: "2 "},
		{name: "var-file over env", opts: Options{Env: env, VarFiles: []string{hclVars}}, wantTo: "from-hcl-file", wantText: "3 "},
		{name: "later var-file wins", opts: Options{Env: env, VarFiles: []string{hclVars, jsonVars}}, wantTo: "from-json-file", wantText: "3 a,b"},
		{
			name:     "var over all",
			opts:     Options{Env: env, VarFiles: []string{hclVars, jsonVars}, Vars: []string{"who=from-flag", "count=4", `tags=["c"]`, "who=last-flag"}},
			wantTo:   "last-flag",
			wantText: "4 c",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := Load(dir, tt.opts)
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
			}
			body := cfg.Sends[0].Body
			got := []any{body["to"], body["messages"].([]any)[0].(map[string]any)["text"]}
			if diff := cmp.Diff([]any{tt.wantTo, tt.wantText}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestVariableErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.lineup.hcl"), precedenceConfig)
	undeclared := filepath.Join(dir, "extra.json")
	writeFile(t, undeclared, `{"nobody": 1}`)
	tests := []struct {
		name string
		opts Options
		want []string // summaries
	}{
		{name: "undeclared -var", opts: Options{Vars: []string{"nobody=1"}}, want: []string{"Value for undeclared variable"}},
		{name: "malformed -var", opts: Options{Vars: []string{"who"}}, want: []string{"Invalid -var option"}},
		{name: "bad env type", opts: Options{Env: []string{"LINEUP_VAR_count=lots"}}, want: []string{"Invalid value for input variable"}},
		{name: "bad list", opts: Options{Vars: []string{"tags=[1,"}}, want: []string{"Invalid value for input variable"}},
		{name: "undeclared in var-file is a warning", opts: Options{VarFiles: []string{undeclared}}, want: []string{"Value for undeclared variable"}},
		{name: "missing var-file", opts: Options{VarFiles: []string{filepath.Join(dir, "nope.hcl")}}, want: []string{"Cannot read variable file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Load(dir, tt.opts)
			var got []string
			for _, d := range diags {
				got = append(got, d.Summary)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s\n%s", diff, diags.Error())
			}
		})
	}
}

// A value of the wrong type names the variable, the type wanted and where
// the value came from.
func TestVariableTypeErrorNamesSource(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.lineup.hcl"), "variable \"count\" {\n  type = number\n}\n"+
		"variable \"limit\" {\n  type    = number\n  default = \"ten\"\n}\n")
	varFile := filepath.Join(dir, "values.hcl")
	writeFile(t, varFile, "count = \"lots\"\n")
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{name: "-var", opts: Options{Vars: []string{"count=lots", "limit=1"}},
			want: `The value for var.count given by -var "count=lots" is not a valid number`},
		{name: "-var-file", opts: Options{VarFiles: []string{varFile}, Vars: []string{"limit=1"}},
			want: "The value for var.count given by -var-file " + varFile + " (line 1) is not a valid number"},
		{name: "environment", opts: Options{Env: []string{"LINEUP_VAR_count=lots", "LINEUP_VAR_limit=1"}},
			want: "The value for var.count given by the environment variable LINEUP_VAR_count is not a valid number"},
		{name: "default", opts: Options{Vars: []string{"count=1"}},
			want: "The value for var.limit given by its default is not a valid number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Load(dir, tt.opts)
			var details []string
			for _, d := range diags {
				if d.Summary == "Invalid value for input variable" {
					details = append(details, d.Detail)
				}
			}
			if len(details) != 1 || !strings.HasPrefix(details[0], tt.want) {
				t.Errorf("got %q, want one starting %q\n%s", details, tt.want, diags.Error())
			}
		})
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
