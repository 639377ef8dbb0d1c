// Command lineup keeps LINE messages as code: plan them, review them, send
// them exactly once.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/lineupdev/lineup/cmd/lineup/internal/cli"
)

func main() {
	startingHeap(heapGoal(cli.SourceSize(os.Args[1:])))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(cli.Run(ctx, os.Args[1:], cli.StdStreams()))
}
