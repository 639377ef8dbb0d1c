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

// measure runs cmd runs times in dir and returns the median wall time and
// the largest max RSS.
func measure(runs int, dir string, name string, args ...string) (sample, error) {
	var walls []time.Duration
	var rss int64
	for range runs {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		err := cmd.Run()
		walls = append(walls, time.Since(start))
		if err != nil {
			// plan -detailed-exitcode is not used; any failure is real.
			return sample{}, fmt.Errorf("%s %v: %w\n%s", name, args, err, out.String())
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = max(rss, ru.Maxrss*1024) // Linux reports KiB
		}
	}
	slices.Sort(walls)
	return sample{wall: walls[len(walls)/2], rss: rss}, nil
}

// measureSize generates n pushes, a state where all of them were sent,
// and measures the floor, validate, plan from empty state and plan with
// nothing to change.
func measureSize(root, bin, self string, n, runs int) error {
	dir := filepath.Join(root, fmt.Sprintf("pushes-%d", n))
	fmt.Fprintf(os.Stderr, "generating %d pushes...\n", n)
	if err := genConfig(dir, n); err != nil {
		return err
	}
	os.Remove(filepath.Join(dir, "lineup.state.json"))
	floorS, err := measure(runs, dir, self, "floor", dir)
	if err != nil {
		return err
	}
	validate, err := measure(runs, dir, bin, "validate")
	if err != nil {
		return err
	}
	empty, err := measure(runs, dir, bin, "plan")
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "applying %d pushes to the sandbox for the no-change plan...\n", n)
	if _, err := measure(1, dir, bin, "apply", "-sandbox", "-auto-approve"); err != nil {
		return err
	}
	nochange, err := measure(runs, dir, bin, "plan")
	if err != nil {
		return err
	}
	fmt.Printf("\n%d pushes over 100 files (median of %d runs)\n", n, runs)
	row("floor: parse and decode with hcl/v2", floorS, floorS)
	row("lineup validate", validate, floorS)
	row("lineup plan, empty state", empty, floorS)
	row("lineup plan, nothing to change", nochange, floorS)
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
	sum, err := measure(runs, dir, "sha256sum", filepath.Join("audiences", "big.txt"))
	if err != nil {
		return err
	}
	plan, err := measure(runs, dir, bin, "plan")
	if err != nil {
		return err
	}
	fmt.Printf("\nAn audience file of %d IDs (median of %d runs)\n", n, runs)
	row("sha256sum of the file", sum, sum)
	row("lineup plan", plan, sum)
	return nil
}

func row(name string, s, base sample) {
	fmt.Printf("  %-34s %8.3fs  %5.2fx time   %7.1f MiB  %5.2fx memory\n", name,
		s.wall.Seconds(), s.wall.Seconds()/base.wall.Seconds(),
		float64(s.rss)/(1<<20), float64(s.rss)/float64(base.rss))
}
