package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
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
	walls []time.Duration
	rss   int64 // the largest max RSS
}

// runOnce runs the phase's command once, recording its wall time and
// max RSS.
func (p *phase) runOnce() error {
	cmd := exec.Command(p.name, p.args...)
	cmd.Dir = p.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
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

// measureSize generates n pushes twice: in one directory with no state,
// in another with a state where all of them were sent. It measures the
// floor, validate and plan from empty state in the first, and plan with
// nothing to change in the second.
func measureSize(root, bin, self string, n, runs int) error {
	empty := filepath.Join(root, fmt.Sprintf("pushes-%d", n))
	sent := filepath.Join(root, fmt.Sprintf("pushes-%d-sent", n))
	fmt.Fprintf(os.Stderr, "generating %d pushes...\n", n)
	for _, dir := range []string{empty, sent} {
		if err := genConfig(dir, n); err != nil {
			return err
		}
	}
	os.Remove(filepath.Join(empty, "lineup.state.json"))
	if _, err := os.Stat(filepath.Join(sent, "lineup.state.json")); err != nil {
		fmt.Fprintf(os.Stderr, "applying %d pushes to the sandbox for the no-change plan...\n", n)
		apply := &phase{dir: sent, name: bin, args: []string{"apply", "-sandbox", "-auto-approve"}}
		if err := apply.runOnce(); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "measuring, %d rounds...\n", runs)
	s, err := measure(runs,
		&phase{dir: empty, name: self, args: []string{"floor", empty}},
		&phase{dir: empty, name: bin, args: []string{"validate"}},
		&phase{dir: empty, name: bin, args: []string{"plan"}},
		&phase{dir: sent, name: bin, args: []string{"plan"}},
	)
	if err != nil {
		return err
	}
	fmt.Printf("\n%d pushes over 100 files (median of %d runs)\n", n, runs)
	row("floor: parse and decode with hcl/v2", s[0], s[0])
	row("lineup validate", s[1], s[0])
	row("lineup plan, empty state", s[2], s[0])
	row("lineup plan, nothing to change", s[3], s[0])
	return nil
}

// measureAudience plans a configuration whose audience is a file of n
// user IDs, against sha256sum of the same file.
func measureAudience(root, bin string, n, runs int) error {
	dir := filepath.Join(root, "audience")
	fmt.Fprintf(os.Stderr, "generating an audience of %d IDs...\n", n)
	if err := genAudienceFile(filepath.Join(dir, "audiences", "big.txt"), n); err != nil {
		return err
	}
	cfg := "audience \"big\" {\n  description = \"Everyone\"\n  user_ids    = file_lines(\"audiences/big.txt\")\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(cfg), 0o644); err != nil {
		return err
	}
	s, err := measure(runs,
		&phase{dir: dir, name: "sha256sum", args: []string{filepath.Join("audiences", "big.txt")}},
		&phase{dir: dir, name: bin, args: []string{"plan"}},
	)
	if err != nil {
		return err
	}
	fmt.Printf("\nAn audience file of %d IDs (median of %d runs)\n", n, runs)
	row("sha256sum of the file", s[0], s[0])
	row("lineup plan", s[1], s[0])
	return nil
}

func row(name string, s, base sample) {
	fmt.Printf("  %-34s %8.3fs  %5.2fx time   %7.1f MiB  %5.2fx memory\n", name,
		s.wall.Seconds(), s.wall.Seconds()/base.wall.Seconds(),
		float64(s.rss)/(1<<20), float64(s.rss)/float64(base.rss))
}
