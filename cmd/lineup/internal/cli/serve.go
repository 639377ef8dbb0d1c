package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/applier/webhook"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
)

// sandboxSecret is the channel secret `serve -sandbox` uses with the
// embedded sandbox when none is set.
const sandboxSecret = "sandbox-channel-secret"

type serveFlags struct {
	inputs
	stateFlags
	addr       string
	sandbox    bool
	unreviewed bool
}

func runServe(ctx context.Context, g global, args []string, s Streams) int {
	var f serveFlags
	fs := newFlags("serve [options]", "Receives LINE webhooks until interrupted: verifies their signature, records "+
		"every message with its quote token in the inbox, and answers the reply rules.", s)
	f.inputs.register(fs)
	f.stateFlags.register(fs)
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	fs.BoolVar(&f.sandbox, "sandbox", false, "reply through the embedded LINE sandbox (kept in .lineup/sandbox), "+
		"which can also play the users: see the address it prints")
	fs.BoolVar(&f.unreviewed, "unreviewed", false, "answer with the reply rules of the configuration as they are, "+
		"not as last applied (for local development)")
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	w, ok := loadWithState(ctx, f.inputs, f.stateFlags, "", false, g, s)
	if !ok {
		return 1
	}
	w.release()
	cfg := w.cfg
	replyRules, ok := serveRules(cfg, g, s)
	if !ok {
		return 1
	}
	replyRules = reviewedRules(cfg, replyRules, w.st, f.unreviewed, s)
	secret := s.Getenv(cfg.Settings.SecretEnv)
	if secret == "" && f.sandbox {
		secret = sandboxSecret
	}
	if secret == "" {
		return fail(s, fmt.Errorf("the channel secret is not set: export %s (the variable named by "+
			"lineup.channel.secret_env); lineup serve refuses every webhook it cannot verify", cfg.Settings.SecretEnv))
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fail(s, err)
	}
	defer ln.Close()
	return serve(ctx, cfg, f, serveSetup{ln: ln, secret: secret, rules: replyRules}, s)
}

type serveSetup struct {
	ln     net.Listener
	secret string
	rules  []webhook.Rule
}

// serve runs the webhook server on setup.ln until ctx ends, then waits
// for the replies in flight and closes the inbox.
func serve(ctx context.Context, cfg *lang.Config, f serveFlags, setup serveSetup, s Streams) int {
	url := "http://" + setup.ln.Addr().String() + "/"
	client, closeLine, err := serveClient(cfg, f.sandbox, url, setup, s)
	if err != nil {
		return fail(s, err)
	}
	defer closeLine()
	inbox, inboxName, closeInbox, err := inboxStore(ctx, cfg.Settings, f.stateFlags, s) // backend.go
	if err != nil {
		return fail(s, err)
	}
	defer closeInbox()
	var replier webhook.Replier
	if client != nil {
		replier = client
	}
	h, err := webhook.NewHandler(webhook.Options{
		ChannelSecret: setup.secret, Inbox: inbox, Rules: setup.rules, Replier: replier,
		Logf: lockedLogf(s.Err), Now: s.Now,
	})
	if err != nil {
		return fail(s, err)
	}
	srv := webhookServer(h)
	fmt.Fprintf(s.Out, "Listening for LINE webhooks on %s\n", url)
	fmt.Fprintf(s.Out, "Recording messages in %s; %d reply rules.\n", inboxName, len(setup.rules))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(setup.ln) }()
	select {
	case err = <-errc:
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = srv.Shutdown(shut)
	}
	h.Wait()
	if cerr := closeInbox(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(s, err)
	}
	fmt.Fprintln(s.Out, "Stopped; every message answered 200 is in the inbox.")
	return 0
}

// serveClient makes the LINE client replies go through: nil without reply
// rules; with -sandbox, an embedded sandbox that also delivers its
// simulated users' messages to url.
func serveClient(cfg *lang.Config, useSandbox bool, url string, setup serveSetup, s Streams) (*line.Client, func(), error) {
	if !useSandbox {
		if len(setup.rules) == 0 {
			return nil, func() {}, nil
		}
		return connect(cfg, false, s)
	}
	token := s.Getenv(cfg.Settings.TokenEnv)
	if token == "" {
		token = sandboxToken
	}
	sb, err := sandbox.New(sandbox.Options{Dir: sandboxDir, Token: token, Now: s.Now, Webhook: url, ChannelSecret: setup.secret})
	if err != nil {
		return nil, nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	sbURL := "http://" + ln.Addr().String()
	fmt.Fprintf(s.Out, "Replying through the embedded LINE sandbox at %s: nothing leaves this machine.\n", sbURL)
	fmt.Fprintf(s.Out, "Make a user write: curl -d '{\"text\":\"hello\"}' %s/_sandbox/users/U%s/messages\n",
		sbURL, strings.Repeat("0", 32))
	client, err := line.New(line.Config{Endpoint: sbURL, Token: token})
	stop := func() {
		_ = srv.Close()
		if err := sb.Save(); err != nil {
			fmt.Fprintf(s.Err, "Warning: saving the sandbox: %v\n", err)
		}
	}
	if err != nil {
		stop()
		return nil, nil, err
	}
	return client, stop, nil
}

// serveRules turns the configuration's reply rules into webhook rules,
// refusing (with diagnostics) rules whose messages LINE would refuse or
// that use values known only after apply.
func serveRules(cfg *lang.Config, g global, s Streams) ([]webhook.Rule, bool) {
	var out []webhook.Rule
	var diags hcl.Diagnostics
	for _, r := range cfg.Replies() {
		diags = append(diags, checkReply(r)...)
		out = append(out, webhook.Rule{
			Name: r.Name, Match: r.Match, Messages: r.Messages,
			Quote: r.Quote, NotificationDisabled: r.NotificationDisabled,
		})
	}
	printDiags(s.Err, cfg.Files, diags, g, s)
	return out, !diags.HasErrors()
}

// checkReply checks a reply rule before serve starts: a value known only
// after apply cannot be sent (serve would have nothing to send), and the
// messages must pass LINE's rules, checked as validate and plan check
// them (planner.CheckReply).
func checkReply(r *lang.Reply) hcl.Diagnostics {
	if path, u, ok := lang.FirstUnknown("messages", r.Messages); ok {
		rng := lang.RangeAt(r.Ranges, path, r.DeclRange)
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Value not known yet",
			Detail: fmt.Sprintf("reply.%s uses %s, known only after apply. Apply the configuration first, then start lineup serve.",
				r.Name, u.Ref),
			Subject: &rng,
		}}
	}
	return planner.CheckReply(r)
}

// lockedLogf logs lines to w, one at a time.
func lockedLogf(w io.Writer) func(string, ...any) {
	var mu sync.Mutex
	return func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// sandboxSecretFlag is the channel secret `lineup sandbox` signs webhooks
// with: the flag, else LINE_CHANNEL_SECRET.
func sandboxSecretFlag(flagValue string, s Streams) string {
	if flagValue != "" {
		return flagValue
	}
	return s.Getenv("LINE_CHANNEL_SECRET")
}

// printSandboxUsers tells how to make a simulated user write, for
// `lineup sandbox`.
func printSandboxUsers(s Streams, addr, hook string) {
	if hook == "" {
		fmt.Fprintf(s.Out, "Webhooks: none; set one with -webhook URL or POST http://%s/_sandbox/webhook\n", addr)
		return
	}
	fmt.Fprintf(s.Out, "Webhooks go to %s. Make a user write: curl -d '{\"text\":\"hello\"}' http://%s/_sandbox/users/U%s/messages\n",
		hook, addr, strings.Repeat("0", 32))
}

// webhookServer is the HTTP server of serve: anyone can connect to it, so
// a client is given a bounded time for each part of a request, and a kept
// connection a bounded idle time (docs/security.md). The handler reads a
// body only after its signature header, a few at a time.
func webhookServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       20 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
