package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
)

// builtin returns the commands about lineup itself. They are apart from
// the commands table because help and completion read that table.
func builtin(name string) (command, bool) {
	switch name {
	case "help":
		return command{"Show the commands, or a command's options: help CMD", runHelp}, true
	case "version":
		return command{"Print the version of lineup (also: lineup -version)", runVersion}, true
	case "completion":
		return command{"Print a shell completion script: completion bash|zsh", runCompletion}, true
	}
	return command{}, false
}

// builtinNames are the names builtin knows.
var builtinNames = []string{"completion", "help", "version"}

// lookup finds the command called name.
func lookup(name string) (command, bool) {
	if cmd, ok := commands[name]; ok {
		return cmd, true
	}
	return builtin(name)
}

// commandNames are the names of every command, sorted.
func commandNames() []string {
	names := append([]string(nil), builtinNames...)
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// unknownCommand says that name is not a command, with the closest one
// when name looks like a typo of it.
func unknownCommand(s Streams, name string) {
	msg := fmt.Sprintf("lineup: unknown command %q.", name)
	if near := nearest(name, commandNames()); near != "" {
		msg += fmt.Sprintf(" Did you mean %q?", near)
	}
	fmt.Fprintf(s.Err, "%s\nRun lineup -help for the list of commands.\n", msg)
}

// nearest is the candidate closest to given, when it is close enough to
// be a typo (at most 2 edits, and 2 fewer than given has letters), or
// a candidate given is the start of.
func nearest(given string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		d := levenshtein.Distance(given, c, nil)
		if d < bestDist && d < len(given)-1 {
			best, bestDist = c, d
		}
	}
	if best == "" && len(given) >= 2 {
		for _, c := range candidates {
			if strings.HasPrefix(c, given) {
				return c
			}
		}
	}
	return best
}

// runHelp prints the list of commands, or with a command name that
// command's help, to stdout.
func runHelp(ctx context.Context, g global, args []string, s Streams) int {
	switch len(args) {
	case 0:
		var none global
		usage(s.Out, globalFlags(&none, s.Out))
		return 0
	case 1:
		if args[0] == "-help" || args[0] == "--help" || args[0] == "-h" {
			return runHelp(ctx, g, nil, s)
		}
		cmd, ok := lookup(args[0])
		if !ok {
			unknownCommand(s, args[0])
			return 1
		}
		if args[0] == "help" {
			return runHelp(ctx, g, nil, s)
		}
		return cmd.run(ctx, g, []string{"-help"}, s)
	}
	fmt.Fprintln(s.Err, "Usage: lineup help [COMMAND]")
	return 1
}
