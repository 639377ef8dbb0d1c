package cli

import (
	"io"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/lineupdev/lineup/lang"
)

// minSecretLen is the length under which a value is not redacted: a
// sensitive variable holding "1" would otherwise blank out every 1.
const minSecretLen = 6

// redactedText replaces a secret in output.
const redactedText = "(redacted)"

// redactor is the one place output is cleaned of secrets: Run wraps the
// command's standard streams in it, so every diagnostic, log line and
// error from LINE a command prints passes through it. It knows the
// secrets of the environment from the start (the channel access token and
// secret under their default names and under any name a configuration
// gives them, the database URL and its password) and learns the
// configuration's sensitive values once it is loaded.
type redactor struct {
	mu      sync.Mutex
	secrets []string // longest first, so that a secret holding another goes whole
}

// secretEnvNames are the environment variables whose values are secrets
// whatever the configuration says.
var secretEnvNames = []string{"LINE_CHANNEL_ACCESS_TOKEN", "LINE_CHANNEL_SECRET", "LINEUP_DATABASE_URL"}

// newRedactor knows the secrets of env (os.Environ form): the variables
// of secretEnvNames. The configuration may name others (addConfig).
func newRedactor(env []string) *redactor {
	r := &redactor{}
	for _, kv := range env {
		name, val, _ := strings.Cut(kv, "=")
		if slices.Contains(secretEnvNames, name) {
			r.add(val)
		}
	}
	return r
}

// add makes values secrets. A URL with a password makes its password a
// secret too, wherever it appears alone.
func (r *redactor) add(values ...string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range values {
		r.addLocked(v)
		if u, err := url.Parse(v); err == nil && u.User != nil {
			if p, ok := u.User.Password(); ok {
				r.addLocked(p)
				r.addLocked(url.QueryEscape(p))
			}
		}
	}
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
}

func (r *redactor) addLocked(v string) {
	if len(v) < minSecretLen {
		return
	}
	for _, s := range r.secrets {
		if s == v {
			return
		}
	}
	r.secrets = append(r.secrets, v)
}

// addConfig learns the secrets a loaded configuration names: the values
// of its token and secret variables, and its sensitive values.
func (r *redactor) addConfig(cfg *lang.Config, s Streams) {
	if r == nil || cfg == nil {
		return
	}
	r.add(s.Getenv(cfg.Settings.TokenEnv), s.Getenv(cfg.Settings.SecretEnv))
	r.add(cfg.SensitiveValues()...)
}

// redact returns text with every secret replaced.
func (r *redactor) redact(text string) string {
	if r == nil {
		return text
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.secrets {
		if strings.Contains(text, s) {
			text = strings.ReplaceAll(text, s, redactedText)
		}
	}
	return text
}

// redactWriter writes through a redactor. Each Write is cleaned whole: a
// caller writes a secret in one call (the diagnostics printer writes a
// diagnostic at once).
type redactWriter struct {
	w io.Writer
	r *redactor
}

func (rw redactWriter) Write(p []byte) (int, error) {
	clean := rw.r.redact(string(p))
	if _, err := io.WriteString(rw.w, clean); err != nil {
		return 0, err
	}
	return len(p), nil
}

// redacting returns s with its output streams writing through the
// redactor of s, made from its environment when s has none yet.
func (s Streams) redacting() Streams {
	if s.secrets != nil {
		return s
	}
	s.secrets = newRedactor(s.Env)
	s.Out = redactWriter{w: s.Out, r: s.secrets}
	s.Err = redactWriter{w: s.Err, r: s.secrets}
	return s
}
