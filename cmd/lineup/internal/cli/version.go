package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is the version of this lineup: the module version it was built
// at (go install github.com/lineupdev/lineup/cmd/lineup@v1.2.0, or the
// pseudo-version the go command stamps from a git checkout), else the
// checkout's revision ("dev+1a2b3c4d5e6f"), else "dev". The state
// records it, so a state says which lineup wrote it.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return versionOf(info)
}

// versionOf is Version from the build information info.
func versionOf(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-modified"
	}
	return "dev+" + rev
}

// runVersion prints the version, as lineup -version does.
func runVersion(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("version", "Prints the version of lineup, the Go release it was built with, and the platform.", s)
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	printVersion(s)
	return 0
}

func printVersion(s Streams) {
	fmt.Fprintf(s.Out, "lineup %s\non %s_%s, built with %s\n", Version(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}
