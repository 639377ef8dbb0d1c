package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/lineupdev/lineup/applier/sandbox"
)

func runSandbox(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("sandbox [options]", "Runs the LINE API emulator as a server until interrupted. "+
		"Point lineup at it with LINEUP_ENDPOINT=http://ADDR.", s)
	addr := fs.String("addr", "127.0.0.1:7070", "listen on `HOST:PORT`")
	dir := fs.String("dir", "", "keep the sandbox's world in `DIR` (default: in memory only)")
	token := fs.String("token", "", "accept only this channel access `TOKEN` (default: any non-empty token)")
	faults := fs.String("faults", "", "play faults on sends: `SPEC` is KIND=PROBABILITY,... with kinds "+
		"drop-before, drop-after, 500-before, 500-after, timeout-after, 429")
	latency := fs.Duration("latency", 0, "add `DURATION` to every answer")
	rateLimits := fs.Bool("rate-limits", true, "enforce LINE's rate limits (push 2,000/s, multicast 200/s, ...)")
	monthly := fs.Int("monthly-limit", 0, "the channel's monthly message limit `N` (0: none)")
	seed := fs.Int64("seed", 0, "seed for the faults' randomness (0: from the clock)")
	hook := fs.String("webhook", "", "deliver simulated users' messages to the webhook at `URL` (lineup serve)")
	secret := fs.String("channel-secret", "", "sign webhooks with channel secret `S` (default: $LINE_CHANNEL_SECRET)")
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	spec, err := sandbox.ParseFaults(*faults)
	if err != nil {
		fmt.Fprintf(s.Err, "lineup sandbox: -faults: %v\n", err)
		return 1
	}
	sb, err := sandbox.New(sandbox.Options{
		Dir: *dir, Token: *token, Faults: spec, Latency: *latency,
		RateLimits: *rateLimits, MonthlyLimit: *monthly, Seed: *seed,
		Webhook: *hook, ChannelSecret: sandboxSecretFlag(*secret, s), Now: s.Now,
	})
	if err != nil {
		return fail(s, err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(s, err)
	}
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(s.Out, "LINE sandbox listening on http://%s\n", ln.Addr())
	fmt.Fprintf(s.Out, "Use it with: LINEUP_ENDPOINT=http://%s lineup apply\n", ln.Addr())
	fmt.Fprintf(s.Out, "Request log: http://%s/_sandbox/requests\n", ln.Addr())
	printSandboxUsers(s, ln.Addr().String(), *hook)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err = <-errc:
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = srv.Shutdown(shut)
	}
	if serr := sb.Save(); serr != nil {
		err = errors.Join(err, serr)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(s, err)
	}
	fmt.Fprintln(s.Out, "Sandbox stopped.")
	return 0
}
