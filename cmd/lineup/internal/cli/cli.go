package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/lineupdev/lineup/lang"
	"golang.org/x/term"
)

// Streams are the world a command runs in: its standard streams, whether
// they are terminals, its clock and its environment. Commands read the
// time and the environment only from here; main passes the process's, a
// test its own.
type Streams struct {
	In          io.Reader
	Out, Err    io.Writer
	InTerminal  bool
	OutTerminal bool
	// Now is the clock: when retry keys expire, when a send or a
	// progress reading happened.
	Now func() time.Time
	// Env is the environment in os.Environ form.
	Env []string

	// noColor is -no-color, given before the command name or after it:
	// Run points it at its global flags, and newFlags gives every command
	// the flag.
	noColor *bool
	// secrets cleans Out and Err of secrets (redact.go); Run sets it.
	secrets *redactor
}

// StdStreams are the process's own streams, with the clock and the
// environment the caller passes.
func StdStreams(now func() time.Time, env []string) Streams {
	return Streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		Now:         now,
		Env:         env,
	}
}

// Getenv is the value of the environment variable name in s.Env, or ""
// (the last one wins, as with os.Getenv after repeated sets).
func (s Streams) Getenv(name string) string {
	for i := len(s.Env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(s.Env[i], "="); ok && k == name {
			return v
		}
	}
	return ""
}

// global holds the flags that come before the command name.
type global struct {
	chdir   string
	noColor bool
	version bool
}

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, g global, args []string, s Streams) int
}

var commands = map[string]command{
	"validate": {"Check the configuration, offline, as strictly as LINE would", runValidate},
	"plan":     {"Show what apply would send, forget or resolve", runPlan},
	"apply":    {"Send what the plan shows, exactly once, and record it in the state", runApply},
	"show":     {"Show the state: what was sent, with request IDs and quote tokens", runShow},
	"sandbox":  {"Run the LINE API emulator as a server", runSandbox},
	"serve":    {"Receive LINE webhooks: record messages in the inbox, answer reply rules", runServe},
	"inbox":    {"List the messages lineup serve received, with their quote tokens", runInbox},
	"state":    {"Read, move or settle the state: state list, show, pull, push, resolve", runState},
	"refresh":  {"Read the progress of narrowcasts that have not finished into the state", runRefresh},
	"fmt":      {"Rewrite *.lineup.hcl files in the canonical format", runFmt},
	"preview":  {"Draw every message apply would send as LINE shows it (HTML, and PNG with -png)", runPreview},
}

// Run runs lineup with the arguments after the program name and returns
// the exit code: 0 on success, 1 on error.
func Run(ctx context.Context, args []string, s Streams) int {
	s = s.redacting()
	var g global
	fs := globalFlags(&g, s.Err)
	fs.Usage = func() {} // -help is printed below, once, to stdout
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(s.Out, fs)
			return 0
		}
		fmt.Fprintln(s.Err, "Run lineup -help for the commands and global options.")
		return 1
	}
	if g.version {
		printVersion(s)
		return 0
	}
	if fs.NArg() == 0 {
		usage(s.Err, fs)
		return 1
	}
	s.noColor = &g.noColor
	name, rest := fs.Arg(0), fs.Args()[1:]
	cmd, ok := lookup(name)
	if !ok {
		unknownCommand(s, name)
		return 1
	}
	if g.chdir != "" {
		if err := os.Chdir(g.chdir); err != nil {
			fmt.Fprintf(s.Err, "lineup: -chdir: %v\n", err)
			return 1
		}
	}
	return cmd.run(ctx, g, rest, s)
}

// globalFlags is the flag set of the options before the command name.
func globalFlags(g *global, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("lineup", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&g.chdir, "chdir", "", "switch to `DIR` before doing anything else")
	fs.BoolVar(&g.noColor, "no-color", false, "never colour the output")
	fs.BoolVar(&g.version, "version", false, "print the version of lineup and exit")
	return fs
}

// SourceSize is the size in bytes of the configuration files the command
// line args (those Run takes) would read, or 0 when it cannot tell. The
// command sizes its starting heap from it.
func SourceSize(args []string) int64 {
	var g global
	if err := globalFlags(&g, io.Discard).Parse(args); err != nil {
		return 0
	}
	dir := g.chdir
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var size int64
	for _, e := range entries {
		if info, err := e.Info(); err == nil && !e.IsDir() && lang.IsConfigFile(e.Name()) {
			size += info.Size()
		}
	}
	return size
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: lineup [global options] <command> [options]\n\n")
	fmt.Fprintf(w, "lineup keeps LINE messages as code: plan them, review them, send them exactly once.\n\nCommands:\n")
	for _, n := range commandNames() {
		cmd, _ := lookup(n)
		fmt.Fprintf(w, "  %-10s %s\n", n, cmd.summary)
	}
	fmt.Fprintf(w, "\nGlobal options:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprintf(w, "\nRun lineup help <command> (or lineup <command> -help) for a command's options.\n")
}

// newFlags makes a command's flag set: every flag set of lineup is made
// here. It has -no-color, and its -help is printed by parseArgs, once, to
// stdout.
func newFlags(name, synopsis string, s Streams) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(s.Err)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: lineup %s\n\n%s\n\nOptions:\n", name, synopsis)
		fs.PrintDefaults()
	}
	if s.noColor != nil {
		fs.BoolVar(s.noColor, "no-color", *s.noColor, "never colour the output")
	} else {
		fs.Bool("no-color", false, "never colour the output")
	}
	return fs
}

// parse parses a command's flags. It returns ok=false with the exit code
// when the command should stop: 0 after -help, 1 on a bad flag.
func parse(fs *flag.FlagSet, args []string, s Streams) (code int, ok bool) {
	return parseArgs(fs, args, s, 0)
}

// parseArgs parses a command's flags, allowing at most n arguments after
// them, as parse does.
func parseArgs(fs *flag.FlagSet, args []string, s Streams, n int) (code int, ok bool) {
	help := fs.Usage
	fs.Usage = func() {} // the flag package would print it to stderr as well
	err := fs.Parse(args)
	fs.Usage = help
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(s.Out)
			fs.Usage()
			return 0, false
		}
		fmt.Fprintf(s.Err, "Run lineup %s -help for its options.\n", commandName(fs))
		return 1, false
	}
	if fs.NArg() > n {
		hint := ""
		if n > 0 {
			hint = " (options go before the plan file)"
		}
		fmt.Fprintf(s.Err, "lineup %s: unexpected arguments: %s%s\n",
			commandName(fs), strings.Join(fs.Args()[n:], " "), hint)
		return 1, false
	}
	return 0, true
}

// commandName is the command a flag set made by newFlags is for: "plan",
// "state resolve".
func commandName(fs *flag.FlagSet) string {
	var words []string
	for _, w := range strings.Fields(fs.Name()) {
		if strings.HasPrefix(w, "[") || strings.ToUpper(w) == w {
			break
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// useColor decides on colour: never with -no-color (before or after the
// command name), NO_COLOR, TERM=dumb or when stdout is not a terminal.
func useColor(g global, s Streams) bool {
	noColor := g.noColor || s.noColor != nil && *s.noColor
	return !noColor && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb" && s.OutTerminal
}
