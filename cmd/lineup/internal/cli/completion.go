package cli

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

// runCompletion prints a completion script for bash or zsh. The script
// knows every command, its options and its subcommands as this lineup
// has them, read from the commands' own help.
func runCompletion(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("completion bash|zsh", "Prints a script that completes lineup's commands, options and subcommands "+
		"in bash or zsh. Load it in the current shell with:\n\n"+
		"  source <(lineup completion bash)\n  source <(lineup completion zsh)\n\n"+
		"or save it where the shell loads completions from (bash: ~/.local/share/bash-completion/completions/lineup; "+
		"zsh: a file named _lineup in a directory of $fpath).", s)
	if code, ok := parseArgs(fs, args, s, 1); !ok {
		return code
	}
	shell := fs.Arg(0)
	tmpl, ok := completionScripts[shell]
	if !ok {
		fmt.Fprintf(s.Err, "lineup completion: give the shell, bash or zsh (not %q)\n", shell)
		return 1
	}
	var none global
	var global bytes.Buffer
	globalFlags(&none, &global).PrintDefaults()
	data := completionData{Global: flagNamesIn(global.String()), Commands: completionCommands(ctx, g, s)}
	t := template.Must(template.New("cases").Parse(completionCases))
	if err := template.Must(t.New(shell).Parse(tmpl)).Execute(s.Out, data); err != nil {
		return fail(s, err)
	}
	return 0
}

// completionData is what a completion script is made from.
type completionData struct {
	Global   string // the global options: "-chdir -no-color ..."
	Commands []completionCommand
}

// Names are the names of the commands, space-separated.
func (d completionData) Names() string {
	names := make([]string, len(d.Commands))
	for i, c := range d.Commands {
		names[i] = c.Name
	}
	return strings.Join(names, " ")
}

// completionCommand is what completes after one command's name.
type completionCommand struct {
	Name  string
	Flags string // "-var -var-file ..."
	// Words are the words it takes besides files: its subcommands, a
	// shell, a command name.
	Words string
}

var (
	helpFlag       = regexp.MustCompile(`(?m)^  -([A-Za-z0-9][A-Za-z0-9-]*)`)
	helpSubcommand = regexp.MustCompile(`lineup (\w+) ([a-z][a-z-]+)`)
)

// completionCommands reads every command's options and subcommands from
// its -help, which is printed by the flag set the command parses with.
func completionCommands(ctx context.Context, g global, s Streams) []completionCommand {
	var out []completionCommand
	for _, name := range commandNames() {
		cmd, _ := lookup(name)
		var help bytes.Buffer
		cmd.run(ctx, g, []string{"-help"}, Streams{Out: &help, Err: &help, Now: s.Now, Env: s.Env})
		c := completionCommand{Name: name, Flags: flagNamesIn(help.String())}
		words := map[string]bool{}
		for _, m := range helpSubcommand.FindAllStringSubmatch(help.String(), -1) {
			if m[1] == name {
				words[m[2]] = true
			}
		}
		switch name {
		case "help":
			c.Flags = "" // its -help is lineup's
			for _, n := range commandNames() {
				words[n] = true
			}
		case "completion":
			words["bash"], words["zsh"] = true, true
		}
		c.Words = joinSorted(words)
		out = append(out, c)
	}
	return out
}

// flagNamesIn are the options a flag set's PrintDefaults lists in help.
func flagNamesIn(help string) string {
	seen := map[string]bool{}
	for _, m := range helpFlag.FindAllStringSubmatch(help, -1) {
		seen["-"+m[1]] = true
	}
	return joinSorted(seen)
}

func joinSorted(set map[string]bool) string {
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// completionCases sets flags and cands, in both shells, to the options
// and the words that complete after the command name in $cmd.
const completionCases = `    case "$cmd" in
        "") flags="{{.Global}}"; cands="{{.Names}}" ;;
{{- range .Commands}}
        {{.Name}}) flags="{{.Flags}}"; cands="{{.Words}}" ;;
{{- end}}
        *) return 0 ;;
    esac`

// completionScripts are the completion scripts, by shell. After a command
// name they complete its options (after "-"), its words, else files.
var completionScripts = map[string]string{
	"bash": `# bash completion for lineup. Load it with: source <(lineup completion bash)
_lineup() {
    local cur="${COMP_WORDS[COMP_CWORD]}" cmd="" i cands flags
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            -chdir) ((i++)) ;;
            -*) ;;
            *) cmd="${COMP_WORDS[i]}"; break ;;
        esac
    done
{{template "cases" .}}
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    elif [[ -n "$cands" ]]; then
        COMPREPLY=($(compgen -W "$cands" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o default -F _lineup lineup
`,
	"zsh": `#compdef lineup
# zsh completion for lineup. Load it with: source <(lineup completion zsh)
# or save it as _lineup in a directory of $fpath.
_lineup() {
    local cmd="" i flags cands
    for ((i = 2; i < CURRENT; i++)); do
        case "${words[i]}" in
            -chdir) ((i++)) ;;
            -*) ;;
            *) cmd="${words[i]}"; break ;;
        esac
    done
{{template "cases" .}}
    if [[ "$PREFIX" == -* ]]; then
        compadd -- ${=flags}
    elif [[ -n "$cands" ]]; then
        compadd -- ${=cands}
    else
        _files
    fi
}
if [[ "${funcstack[1]}" == "_lineup" ]]; then
    _lineup "$@"
else
    compdef _lineup lineup
fi
`,
}
