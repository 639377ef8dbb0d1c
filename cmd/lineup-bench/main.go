// Command lineup-bench measures how fast lineup plans large
// configurations, against a floor: merely parsing and decoding the same
// files with hcl/v2. Every figure is a ratio to the floor measured in the
// same run, so the numbers travel between machines.
//
//	go run ./cmd/lineup-bench            # 1,000 and 10,000 pushes, 3 runs each
//	go run ./cmd/lineup-bench -runs 5 -sizes 10000
//
// Each phase runs as its own process (the lineup binary, or this one for
// the floor) so that its wall time and peak memory (max RSS) are its own.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) > 2 && os.Args[1] == "floor" {
		runFloor(os.Args[2])
		return
	}
	runs := flag.Int("runs", 3, "measure each phase `N` times and report the median")
	sizes := flag.String("sizes", "1000,10000", "configuration sizes in pushes, comma-separated")
	audience := flag.Int("audience-ids", 1500000, "lines of the audience file (0 to skip)")
	keep := flag.String("dir", "", "generate into `DIR` and keep it (default: a temporary directory)")
	flag.Parse()
	if err := run(*runs, *sizes, *audience, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "lineup-bench:", err)
		os.Exit(1)
	}
}

// runFloor is the floor as a command: lineup-bench floor DIR.
func runFloor(dir string) {
	files, values, err := floor(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d files, %d values\n", files, values)
}

func run(runs int, sizes string, audienceIDs int, keep string) error {
	dir := keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "lineup-bench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	bin, err := buildLineup(dir)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	for _, field := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil {
			return fmt.Errorf("-sizes: %w", err)
		}
		floorCmd := func(dir string) *phase { return &phase{dir: dir, name: self, args: []string{"floor", dir}} }
		if err := measureSize(dir, bin, floorCmd, n, runs); err != nil {
			return err
		}
	}
	if audienceIDs > 0 {
		return measureAudience(dir, bin, audienceIDs, runs)
	}
	return nil
}

// buildLineup builds the lineup command into dir.
func buildLineup(dir string) (string, error) {
	bin := filepath.Join(dir, "lineup")
	fmt.Fprintln(os.Stderr, "building lineup...")
	build := exec.Command("go", "build", "-o", bin, "github.com/lineupdev/lineup/cmd/lineup")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("building lineup: %w", err)
	}
	return bin, nil
}
