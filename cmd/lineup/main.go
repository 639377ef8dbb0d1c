// Command lineup keeps LINE messages as code: plan them, review them, send
// them exactly once.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/lineupdev/lineup/cmd/lineup/internal/cli"
)

// main is the only place the process's clock and environment enter
// lineup: commands get them as values in cli.Streams.
func main() {
	startingHeap(heapGoal(cli.SourceSize(os.Args[1:])), os.Getenv)
	// SIGTERM is what a cancelled CI job gets: like Ctrl-C, apply starts
	// no new request and records those in flight before it exits.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(cli.Run(ctx, os.Args[1:], cli.StdStreams(time.Now, os.Environ())))
}
