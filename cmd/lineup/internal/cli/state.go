package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sort"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

const stateUsage = `Usage: lineup state <subcommand> [options]

Subcommands:
  lineup state list               List the addresses the state records
  lineup state show ADDR          Show the record of one address
  lineup state pull               Write the state, as a state file, to stdout
  lineup state push [-force] FILE Put a state file (with its journal) into the backend's workspace
  lineup state resolve ADDR -sent|-not-sent
                                  Settle a send whose outcome is unknown (shown as ? by plan)`

func runState(ctx context.Context, g global, args []string, s Streams) int {
	sub := ""
	if len(args) > 0 {
		sub = args[0]
	}
	switch sub {
	case "resolve":
		return runResolve(ctx, g, args[1:], s)
	case "list":
		return runStateList(ctx, g, args[1:], s)
	case "show":
		return runStateShow(ctx, g, args[1:], s)
	case "pull":
		return runStatePull(ctx, g, args[1:], s)
	case "push":
		return runStatePush(ctx, g, args[1:], s)
	}
	if isHelp(args) {
		fmt.Fprintln(s.Out, stateUsage)
		return 0
	}
	fmt.Fprintln(s.Err, stateUsage)
	return 1
}

// stateSettings loads the configuration for a state command: it names
// the state. A broken one could name another state, so nothing is read
// or touched until it loads.
func stateSettings(g global, s Streams) (lang.Settings, bool) {
	cfg := loadConfig(inputs{}, g, s)
	if cfg == nil {
		fmt.Fprintln(s.Err, "The state was not changed: fix the configuration first; it names the state.")
		return lang.Settings{}, false
	}
	return cfg.Settings, true
}

// readStateOf parses a reading state command's flags (after its
// leading argument, if any) and reads the configuration's state without
// taking the lock. ok is false, with the exit code, when the command
// should stop.
func readStateOf(ctx context.Context, g global, fs *flag.FlagSet, args []string, s Streams) (st *state.State, code int, ok bool) {
	var sf stateFlags
	sf.register(fs)
	if code, ok := parse(fs, args, s); !ok {
		return nil, code, false
	}
	set, ok := stateSettings(g, s)
	if !ok {
		return nil, 1, false
	}
	_, release, st, err := openState(ctx, set, sf, "", s)
	if err != nil {
		return nil, fail(s, err), false
	}
	release()
	return st, 0, true
}

// leadingArg takes a first argument that is not a flag off args.
func leadingArg(args []string) (string, []string) {
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		return args[0], args[1:]
	}
	return "", args
}

func runStateList(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("state list [options]", "Lists the addresses the state records, sends and audiences, sorted.", s)
	st, code, ok := readStateOf(ctx, g, fs, args, s)
	if !ok {
		return code
	}
	var addrs []string
	for a := range st.Sends {
		addrs = append(addrs, a)
	}
	for a := range st.Audiences {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, a := range addrs {
		fmt.Fprintln(s.Out, a)
	}
	return 0
}

func runStateShow(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("state show ADDR [options]", "Shows what the state records of one send or audience.", s)
	addr, args := leadingArg(args)
	if addr == "" && !isHelp(args) {
		fmt.Fprintln(s.Err, "lineup state show: give the address to show, as in lineup state show push.welcome")
		return 1
	}
	st, code, ok := readStateOf(ctx, g, fs, args, s)
	if !ok {
		return code
	}
	switch {
	case st.Sends[addr] != nil:
		showRecord(s.Out, st.Sends[addr])
	case st.Audiences[addr] != nil:
		showAudiences(s.Out, &state.State{Audiences: map[string]*state.Audience{addr: st.Audiences[addr]}})
	default:
		return fail(s, fmt.Errorf("%s is not in the state; lineup state list lists what is", addr))
	}
	return 0
}

func runStatePull(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("state pull [options]", "Writes the state, with anything journalled, to stdout as a state file "+
		"(the format of lineup.state.json).", s)
	st, code, ok := readStateOf(ctx, g, fs, args, s)
	if !ok {
		return code
	}
	data, err := state.Encode(st)
	if err != nil {
		return fail(s, err)
	}
	_, err = s.Out.Write(data)
	if err != nil {
		return fail(s, err)
	}
	return 0
}

// isHelp reports whether args ask for help.
func isHelp(args []string) bool {
	return len(args) > 0 && (args[0] == "-help" || args[0] == "--help" || args[0] == "-h")
}

// replacer is a backend that can be given a whole state (pgstate).
type replacer interface {
	Replace(ctx context.Context, s *state.State, force bool) error
}

func runStatePush(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("state push [options] FILE", "Puts the state file FILE, with its journal folded in, into the "+
		"workspace of the configuration's backend block. A workspace that holds another state (another lineage), "+
		"or sends FILE does not record (FILE is an older copy: the next apply would send them again), "+
		"is left as it is unless -force.", s)
	force := fs.Bool("force", false, "replace a workspace that holds another state, or records sends FILE does not")
	var sf stateFlags
	sf.register(fs)
	if code, ok := parseArgs(fs, args, s, 1); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(s.Err, "lineup state push: give the state file to push, as in lineup state push lineup.state.json")
		return 1
	}
	file := fs.Arg(0)
	set, ok := stateSettings(g, s)
	if !ok {
		return 1
	}
	if set.Backend == nil {
		return fail(s, errors.New("state push puts a state file into a backend: the configuration has no backend block, so its state is a file already"))
	}
	st, err := state.Load(file)
	if err != nil {
		return fail(s, err)
	}
	if st.Serial == 0 && len(st.Sends) == 0 && len(st.History) == 0 && len(st.Audiences) == 0 {
		return fail(s, fmt.Errorf("%s holds no state (it does not exist, or records nothing); nothing was pushed", file))
	}
	b, release, _, err := openState(ctx, set, sf, "state push", s)
	if err != nil {
		return fail(s, err)
	}
	defer release()
	r, ok := b.(replacer)
	if !ok {
		return fail(s, fmt.Errorf("%s cannot be pushed to", b))
	}
	if err := r.Replace(ctx, st, *force); err != nil {
		return fail(s, err)
	}
	fmt.Fprintf(s.Out, "Pushed %s (lineage %s: %d sends, %d in history, %d audiences) to %s, now at serial %d.\n",
		file, st.Lineage, len(st.Sends), len(st.History), len(st.Audiences), b, st.Serial)
	return 0
}

func runResolve(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("state resolve ADDR -sent|-not-sent", "Settles a pending send whose outcome lineup cannot know, "+
		"typically after its retry key expired: -sent records it as delivered (nothing will send it again); "+
		"-not-sent removes the record, so the next apply sends it with a new retry key.", s)
	sent := fs.Bool("sent", false, "it was delivered")
	notSent := fs.Bool("not-sent", false, "it was not delivered")
	requestID := fs.String("request-id", "", "with -sent: the request `ID`, if known")
	var sf stateFlags
	sf.register(fs)
	addr, args := leadingArg(args)
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	if addr == "" || *sent == *notSent {
		fmt.Fprintln(s.Err, "lineup state resolve: give one address and exactly one of -sent or -not-sent")
		return 1
	}
	set, ok := stateSettings(g, s)
	if !ok {
		return 1
	}
	b, release, st, err := openState(ctx, set, sf, "state resolve", s)
	if err != nil {
		return fail(s, err)
	}
	defer release()
	rec := st.Sends[addr]
	switch {
	case rec == nil:
		return fail(s, fmt.Errorf("%s is not in the state", addr))
	case rec.Status != state.Pending:
		return fail(s, fmt.Errorf("%s is %s, not pending; there is nothing to resolve", addr, rec.Status))
	}
	if *sent {
		rec.Status = state.Sent
		rec.RequestID = *requestID
		rec.SentAt = s.Now().UTC()
	} else {
		delete(st.Sends, addr)
	}
	if err := b.Commit(ctx, st); err != nil {
		return fail(s, err)
	}
	if *sent {
		fmt.Fprintf(s.Out, "%s recorded as sent; it will not be sent again.\n", addr)
	} else {
		fmt.Fprintf(s.Out, "%s recorded as not sent; the next apply sends it with a new retry key.\n", addr)
	}
	return 0
}
