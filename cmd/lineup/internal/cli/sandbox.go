package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/lineupdev/lineup/applier/sandbox"
)

func runSandbox(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("sandbox [options]", sandboxSynopsis, s)
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
	friends := fs.Int("friends", sandbox.DefaultFriends, "the channel has `N` friends, one in 20 of whom blocked it")
	popSeed := fs.Int64("population-seed", sandbox.DefaultPopulationSeed,
		"generate the friends, groups and rooms from seed `S` (a world kept in -dir keeps its own)")
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
		Friends: *friends, PopulationSeed: *popSeed,
	})
	if err != nil {
		return fail(s, err)
	}
	// SIGTERM, as service managers and container runtimes stop a server,
	// saves the world as SIGINT does: a lost world forgets retry keys.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(s, err)
	}
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	at := dialAddr(ln.Addr())
	fmt.Fprintf(s.Out, "LINE sandbox listening on http://%s\n", ln.Addr())
	fmt.Fprintf(s.Out, "Use it with: %s\n", sandboxUse(at, *token != ""))
	fmt.Fprintf(s.Out, "Request log: http://%s/_sandbox/requests\n", at)
	fmt.Fprintf(s.Out, "Friends: %d (%d have not blocked the account), in %d groups and rooms: http://%s/_sandbox/population\n",
		len(sb.Population()), sb.TargetReach(), len(sb.Groups()), at)
	fmt.Fprintf(s.Out, "Endpoints emulated: http://%s/_sandbox/endpoints\n", at)
	printSandboxUsers(s, at, *hook)
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

// sandboxSynopsis is the help of lineup sandbox: what it is, and the
// world it plays (docs/sandbox.md says more).
const sandboxSynopsis = `Runs the LINE API emulator as a server until interrupted (SIGINT or SIGTERM;
with -dir, its world is saved then). Point lineup at it with
LINEUP_ENDPOINT=http://ADDR.

The world: the channel has 3,000 friends (-friends), generated from a seed
(-population-seed) with a gender, an age, an OS, an area and a friendship
length each; one in 20 blocked the account, so a broadcast reaches 2,850.
The bot is in 3 groups and 2 rooms of 3 to 12 of them. Pushes and
multicasts reach, and count, friends who did not block the account, users
who wrote to the bot 1:1 in the last 7 days, and the members of its groups
and rooms; LINE answers 200 for anyone else and delivers nothing, and 400 for
a group or room the bot is not in. GET /_sandbox/population lists them all.

Narrowcast filters need a target reach of 100 (else 403) and at least 50
recipients (else the narrowcast fails, errorCode 2). In the default world
gender female reaches 1,329 friends, female aged 20 to 40 428, Tokyo
(jp_13) 91, and female in Tokyo too few: filter by gender, age band, OS or
several areas rather than one prefecture with another condition.

GET /_sandbox/endpoints lists the LINE endpoints it emulates; any other
answers 501. docs/sandbox.md describes the world and the /_sandbox/ paths.`

// sandboxUse is the command the banner prints to apply a configuration
// against the sandbox at addr. It works as printed when the sandbox takes
// any token; with -token, the token is not printed (output never shows a
// token), and the command says where it goes.
func sandboxUse(addr string, tokenSet bool) string {
	token := "LINE_CHANNEL_ACCESS_TOKEN=" + sandboxToken
	if tokenSet {
		token = "LINE_CHANNEL_ACCESS_TOKEN=<the -token value>"
	}
	return fmt.Sprintf("LINEUP_ENDPOINT=http://%s %s lineup apply", addr, token)
}

// dialAddr is the address a client on this machine reaches the listener
// at: a listener on all interfaces (":7070", "0.0.0.0:7070") is reached
// on the loopback address.
func dialAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
