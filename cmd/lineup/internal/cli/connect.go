package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
)

// sandboxToken is the channel access token lineup uses with the embedded
// sandbox when none is set. It opens nothing on LINE.
const sandboxToken = "sandbox-channel-access-token"

// sandboxDir is where -sandbox keeps the sandbox's world, in the
// configuration directory.
var sandboxDir = filepath.Join(".lineup", "sandbox")

// connect makes the LINE client: to the embedded sandbox with -sandbox,
// else to LINEUP_ENDPOINT or LINE itself, with the token from the
// environment variable the configuration names. The returned func closes
// what connect started.
func connect(cfg *lang.Config, useSandbox bool, s Streams) (*line.Client, func(), error) {
	tokenEnv := cfg.Settings.TokenEnv
	token := s.Getenv(tokenEnv)
	endpoint := s.Getenv("LINEUP_ENDPOINT")
	closer := func() {}
	if useSandbox {
		if token == "" {
			token = sandboxToken
		}
		url, stop, err := startSandbox(sandboxDir, token, s)
		if err != nil {
			return nil, nil, err
		}
		endpoint, closer = url, stop
	}
	if token == "" {
		return nil, nil, fmt.Errorf("the channel access token is not set: export %s "+
			"(the variable named by lineup.channel.token_env), or use -sandbox", tokenEnv)
	}
	client, err := line.New(line.Config{Endpoint: endpoint, Token: token})
	if err != nil {
		closer()
		return nil, nil, err
	}
	return client, closer, nil
}

// The embedded sandbox (-sandbox) delivers a narrowcast in two phases
// of sandboxNarrowcastDelay and builds an audience in
// sandboxAudienceDelay: as LINE does, only much faster, so that applying
// an example takes seconds. Apply reads progress and audience status
// from it every sandboxPollInterval at first.
const (
	sandboxNarrowcastDelay = 500 * time.Millisecond
	sandboxAudienceDelay   = 500 * time.Millisecond
	sandboxPollInterval    = 200 * time.Millisecond
)

// pollInterval is applier.Options.PollInterval: the applier's default
// for LINE, sandboxPollInterval for the embedded sandbox.
func pollInterval(useSandbox bool) time.Duration {
	if useSandbox {
		return sandboxPollInterval
	}
	return 0
}

// startSandbox serves a sandbox on a loopback port and returns its URL and
// a func that stops it and saves its world.
func startSandbox(dir, token string, s Streams) (string, func(), error) {
	sb, err := sandbox.New(sandbox.Options{Dir: dir, Token: token, Now: s.Now,
		NarrowcastDelay: sandboxNarrowcastDelay, AudienceDelay: sandboxAudienceDelay})
	if err != nil {
		return "", nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		if err := sb.Save(); err != nil && !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(s.Err, "Warning: saving the sandbox: %v\n", err)
		}
	}
	return "http://" + ln.Addr().String(), stop, nil
}

// readQuota reads this month's limit and use from LINE (or the embedded
// sandbox) when lineup can reach it: with -sandbox, or with a channel
// access token set. Offline it returns nil, and the plan does not compare
// its estimate with the quota. A failure is a warning, not an error.
func readQuota(ctx context.Context, cfg *lang.Config, useSandbox bool, s Streams) *planner.Quota {
	if !useSandbox && s.Getenv(cfg.Settings.TokenEnv) == "" {
		return nil
	}
	client, closeLine, err := connect(cfg, useSandbox, s)
	if err != nil {
		fmt.Fprintf(s.Err, "Warning: cannot read the monthly quota: %v\n", err)
		return nil
	}
	defer closeLine()
	return quotaOf(ctx, client, s)
}

// quotaOf reads this month's limit and use with client, as readQuota
// does.
func quotaOf(ctx context.Context, client *line.Client, s Streams) *planner.Quota {
	q, err := client.Quota(ctx)
	if err != nil {
		fmt.Fprintf(s.Err, "Warning: cannot read the monthly quota, so the estimate is not compared with it: %v\n", err)
		return nil
	}
	if !q.Limited {
		return &planner.Quota{Used: q.Used}
	}
	return &planner.Quota{Limit: q.Limit, Used: q.Used}
}
