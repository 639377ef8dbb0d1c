package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"syscall"
	"time"

	"github.com/lineupdev/lineup/lang"
)

// sample is one phase's median wall time and peak memory.
type sample struct {
	wall time.Duration
	rss  int64 // bytes
}

// phase is one command measured: its runs so far.
type phase struct {
	dir   string
	name  string
	args  []string
	env   []string // added to this process's environment
	walls []time.Duration
	rss   int64 // the largest max RSS
}

// runOnce runs the phase's command once, recording its wall time and
// max RSS.
func (p *phase) runOnce() error {
	cmd := exec.Command(p.name, p.args...)
	cmd.Dir = p.dir
	if p.env != nil {
		cmd.Env = append(os.Environ(), p.env...)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &out // a plan's output is megabytes
	// A child's max RSS starts from this process's RSS when it is
	// started: keep it small.
	debug.FreeOSMemory()
	start := time.Now()
	err := cmd.Run()
	p.walls = append(p.walls, time.Since(start))
	if err != nil {
		// plan -detailed-exitcode is not used; any failure is real.
		return fmt.Errorf("%s %v: %w\n%s", p.name, p.args, err, out.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		p.rss = max(p.rss, ru.Maxrss*1024) // Linux reports KiB
	}
	return nil
}

// sample is the median wall time and the largest max RSS.
func (p *phase) sample() sample {
	walls := slices.Clone(p.walls)
	slices.Sort(walls)
	return sample{wall: walls[len(walls)/2], rss: p.rss}
}

// measure runs the phases round after round, each once a round, so that
// a slow moment of the machine falls on all of them alike, and returns
// their samples.
func measure(runs int, phases ...*phase) ([]sample, error) {
	for range runs {
		for _, p := range phases {
			if err := p.runOnce(); err != nil {
				return nil, err
			}
		}
	}
	out := make([]sample, len(phases))
	for i, p := range phases {
		out[i] = p.sample()
	}
	return out, nil
}

// measureSize measures n pushes and prints the figures.
func measureSize(root, bin string, floorCmd floorCommand, n, runs int) error {
	s, err := sizeSamples(root, bin, floorCmd, n, runs)
	if err != nil {
		return err
	}
	fmt.Printf("\n%d pushes over 100 files (median of %d runs)\n", n, runs)
	for i, name := range sizePhases {
		row(name, s[i], s[0])
	}
	return nil
}

// sizePhases name the samples of sizeSamples, in order.
var sizePhases = []string{
	"floor: parse and decode with hcl/v2",
	"lineup validate",
	"lineup plan, empty state",
	"lineup plan, nothing to change",
}

// floorCommand is the phase that runs the floor on dir.
type floorCommand func(dir string) *phase

// sizeSamples generates n pushes twice: in one directory with no state,
// in another with a state where all of them were sent. It measures the
// floor, validate and plan from empty state in the first, and plan with
// nothing to change in the second (see sizePhases).
func sizeSamples(root, bin string, floorCmd floorCommand, n, runs int) ([]sample, error) {
	phases, err := sizeSetup(root, bin, floorCmd, n)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "measuring, %d rounds...\n", runs)
	return measure(runs, phases...)
}

// sizeSetup makes the two directories of sizeSamples and returns its
// phases, not yet run.
func sizeSetup(root, bin string, floorCmd floorCommand, n int) ([]*phase, error) {
	empty := filepath.Join(root, fmt.Sprintf("pushes-%d", n))
	sent := filepath.Join(root, fmt.Sprintf("pushes-%d-sent", n))
	fmt.Fprintf(os.Stderr, "generating %d pushes...\n", n)
	for _, dir := range []string{empty, sent} {
		if err := genConfig(dir, n); err != nil {
			return nil, err
		}
	}
	os.Remove(filepath.Join(empty, lang.DefaultStateFile))
	if _, err := os.Stat(filepath.Join(sent, lang.DefaultStateFile)); err != nil {
		fmt.Fprintf(os.Stderr, "applying %d pushes to the sandbox for the no-change plan...\n", n)
		apply := &phase{dir: sent, name: bin, args: []string{"apply", "-sandbox", "-auto-approve"}}
		if err := apply.runOnce(); err != nil {
			return nil, err
		}
	}
	return []*phase{
		floorCmd(empty),
		{dir: empty, name: bin, args: []string{"validate"}},
		{dir: empty, name: bin, args: []string{"plan"}},
		{dir: sent, name: bin, args: []string{"plan"}},
	}, nil
}

// measureAudience measures an audience of n IDs and prints the figures.
func measureAudience(root, bin string, n, runs int) error {
	s, err := audienceSamples(root, bin, n, runs)
	if err != nil {
		return err
	}
	fmt.Printf("\nAn audience file of %d IDs (median of %d runs)\n", n, runs)
	row("sha256sum of the file", s[0], s[0])
	row("lineup plan", s[1], s[0])
	return nil
}

// audienceSamples plans a configuration whose audience is a file of n
// user IDs, against sha256sum of the same file.
func audienceSamples(root, bin string, n, runs int) ([]sample, error) {
	phases, err := audienceSetup(root, bin, n)
	if err != nil {
		return nil, err
	}
	return measure(runs, phases...)
}

// audienceSetup writes the configuration and file of audienceSamples
// and returns its phases, not yet run.
func audienceSetup(root, bin string, n int) ([]*phase, error) {
	dir := filepath.Join(root, "audience")
	fmt.Fprintf(os.Stderr, "generating an audience of %d IDs...\n", n)
	if err := genAudienceFile(filepath.Join(dir, "audiences", "big.txt"), n); err != nil {
		return nil, err
	}
	cfg := "audience \"big\" {\n  description = \"Everyone\"\n  user_ids    = file_lines(\"audiences/big.txt\")\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(cfg), 0o644); err != nil {
		return nil, err
	}
	return []*phase{
		{dir: dir, name: "sha256sum", args: []string{filepath.Join("audiences", "big.txt")}},
		{dir: dir, name: bin, args: []string{"plan"}},
	}, nil
}

func row(name string, s, base sample) {
	fmt.Printf("  %-34s %8.3fs  %5.2fx time   %7.1f MiB  %5.2fx memory\n", name,
		s.wall.Seconds(), s.wall.Seconds()/base.wall.Seconds(),
		float64(s.rss)/(1<<20), float64(s.rss)/float64(base.rss))
}
