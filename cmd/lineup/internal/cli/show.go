package cli

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/render"
	"github.com/lineupdev/lineup/planner/state"
)

func runShow(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("show [options] [PLAN]", "Shows the state: every send with its status, retry key, request ID, "+
		"sent message IDs and quote tokens (with -json, as a JSON document of format_version "+stateFormatVersion+"). "+
		"Given a PLAN saved by lineup plan -out, shows that plan instead.", s)
	path := fs.String("state", "", "read the state from `FILE` (default: the configuration's state)")
	var sf stateFlags
	sf.register(fs)
	stats := fs.Bool("stats", false, "read LINE's statistics of what the state records as sent: per request for "+
		"narrowcasts and broadcasts, per day for pushes and multicasts (-json for JSON)")
	sandbox := fs.Bool("sandbox", false, "with -stats, ask the embedded LINE sandbox")
	var view viewFlags
	view.register(fs)
	if code, ok := parseArgs(fs, args, s, 1); !ok {
		return code
	}
	if *stats {
		return showStats(ctx, view, *sandbox, sf, g, s)
	}
	if fs.NArg() == 1 {
		return showSaved(fs.Arg(0), view, g, s)
	}
	format, err := view.resolve()
	if err != nil {
		return fail(s, err)
	}
	if format == "markdown" {
		return fail(s, errors.New("-format=markdown shows a saved plan: give its file, as in lineup show -format=markdown plan.out"))
	}
	set := lang.Settings{StateFile: *path}
	if *path == "" {
		set.StateFile = lang.DefaultStateFile
		if cfg := loadConfig(inputs{}, g, s); cfg != nil {
			set = cfg.Settings
		}
	}
	b, release, st, err := openState(ctx, set, sf, "", s)
	if err != nil {
		return fail(s, err)
	}
	release()
	if format == "json" {
		if err := showStateJSON(s.Out, where(b), st); err != nil {
			return fail(s, err)
		}
		return 0
	}
	if len(st.Sends) == 0 && len(st.History) == 0 && len(st.Audiences) == 0 {
		fmt.Fprintf(s.Out, "No state: nothing has been sent from this configuration yet (%s).\n", where(b))
		return 0
	}
	writtenBy := ""
	if st.LineupVersion != "" {
		writtenBy = ", written by lineup " + st.LineupVersion
	}
	fmt.Fprintf(s.Out, "State %s (lineage %s, serial %d%s)\n", where(b), st.Lineage, st.Serial, writtenBy)
	addrs := make([]string, 0, len(st.Sends))
	for a := range st.Sends {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, a := range addrs {
		showRecord(s.Out, st.Sends[a])
	}
	showAudiences(s.Out, st)
	if len(st.History) > 0 {
		fmt.Fprintf(s.Out, "\nHistory (no longer in the configuration):\n")
		for _, r := range st.History {
			showRecord(s.Out, r)
		}
	}
	return 0
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// showSaved prints the plan saved at path in the format of view.
func showSaved(path string, view viewFlags, g global, s Streams) int {
	format, err := view.resolve()
	if err != nil {
		return fail(s, err)
	}
	sp, doc, err := readSaved(path)
	if err != nil {
		return fail(s, err)
	}
	if format == "human" {
		against := "before anything was applied"
		if p := sp.Plan; p.Serial > 0 {
			against = fmt.Sprintf("against serial %d of state %s", p.Serial, p.Lineage)
		}
		if len(sp.Plan.Targets) > 0 {
			against += ", targeting " + strings.Join(sp.Plan.Targets, ", ")
		}
		fmt.Fprintf(s.Out, "Saved plan %s, made %s %s.\n\n", sp.ID, stamp(sp.Plan.Now), against)
	}
	if err := renderPlan(s.Out, sp.Plan, doc, format, render.MarkdownOptions{}, useColor(g, s)); err != nil {
		return fail(s, err)
	}
	return 0
}

// where names the state for show: the state file's path, or the
// backend's description.
func where(b state.Backend) string {
	if f, ok := b.(state.Files); ok {
		return f.Path
	}
	return b.String()
}
