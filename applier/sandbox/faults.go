package sandbox

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The kinds of fault the sandbox can play on a send request. "Before"
// faults answer without accepting the request; "after" faults accept it
// (the send takes effect and its retry key is consumed) and then keep the
// 2xx from the client.
const (
	// FaultDropBefore closes the connection without an answer; nothing is
	// accepted.
	FaultDropBefore = "drop-before"
	// FaultDropAfter accepts, then closes the connection without an answer.
	FaultDropAfter = "drop-after"
	// Fault500Before answers 500; nothing is accepted.
	Fault500Before = "500-before"
	// Fault500After accepts, then answers 500.
	Fault500After = "500-after"
	// FaultTimeoutAfter accepts, then holds the answer back for
	// Options.FaultTimeout (past the client's timeout) and closes the
	// connection without one.
	FaultTimeoutAfter = "timeout-after"
	// Fault429 answers the rate limit's 429; nothing is accepted.
	Fault429 = "429"
)

var faultKinds = []string{FaultDropBefore, FaultDropAfter, Fault500Before,
	Fault500After, FaultTimeoutAfter, Fault429}

// DefaultFaultTimeout is the default Options.FaultTimeout: longer than
// the 30 s clients commonly wait.
const DefaultFaultTimeout = 35 * time.Second

// Fault is one kind of fault and the probability of playing it on a send.
type Fault struct {
	Kind        string
	Probability float64
}

// Faults are the faults of a sandbox, each drawn with its probability;
// the probabilities sum to at most 1 and the rest is "no fault".
type Faults []Fault

// ParseFaults reads a fault spec: comma-separated KIND=PROBABILITY, e.g.
// "drop-after=0.1,500-before=0.05". Kinds are drop-before, drop-after,
// 500-before, 500-after, timeout-after and 429; probabilities are in
// [0,1] and sum to at most 1. An empty spec is no faults.
func ParseFaults(spec string) (Faults, error) {
	var fs Faults
	seen := map[string]bool{}
	sum := 0.0
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		kind, p, ok := strings.Cut(part, "=")
		kind = strings.TrimSpace(kind)
		if !ok {
			return nil, fmt.Errorf("fault %q: want KIND=PROBABILITY", part)
		}
		if !isFaultKind(kind) {
			return nil, fmt.Errorf("unknown fault kind %q; kinds are %s",
				kind, strings.Join(faultKinds, ", "))
		}
		if seen[kind] {
			return nil, fmt.Errorf("fault kind %q given twice", kind)
		}
		seen[kind] = true
		prob, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(prob) || prob < 0 || prob > 1 {
			return nil, fmt.Errorf("fault %s: probability %q is not a number between 0 and 1", kind, p)
		}
		sum += prob
		fs = append(fs, Fault{Kind: kind, Probability: prob})
	}
	if sum > 1+1e-9 {
		return nil, fmt.Errorf("fault probabilities sum to %g; they may sum to at most 1", sum)
	}
	return fs, nil
}

func isFaultKind(kind string) bool {
	for _, k := range faultKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// String is the spec ParseFaults reads back.
func (fs Faults) String() string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Kind + "=" + strconv.FormatFloat(f.Probability, 'g', -1, 64)
	}
	return strings.Join(parts, ",")
}

// SetFaults replaces the faults played from now on.
func (s *Server) SetFaults(fs Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = fs
}

// rollFault draws the fault to play on one send, "" for none. The caller
// holds s.mu, which guards s.rng.
func (s *Server) rollFault() string {
	if len(s.faults) == 0 {
		return ""
	}
	r, cum := s.rng.Float64(), 0.0
	for _, f := range s.faults {
		cum += f.Probability
		if r < cum {
			return f.Kind
		}
	}
	return ""
}

// faultBefore is the answer of a "before" fault, if kind is one.
func faultBefore(kind string) (reply, bool) {
	switch kind {
	case FaultDropBefore:
		return reply{}, true
	case Fault500Before:
		return internalErrorReply(), true
	case Fault429:
		return rateLimitReply(), true
	}
	return reply{}, false
}

// faultAfter replaces the answer to an accepted send when kind is an
// "after" fault.
func faultAfter(kind string, rep reply) reply {
	switch kind {
	case FaultDropAfter, FaultTimeoutAfter:
		return reply{}
	case Fault500After:
		return internalErrorReply()
	}
	return rep
}

func internalErrorReply() reply {
	return errorReply(http.StatusInternalServerError, "An internal server error occurred")
}

// respond writes rep, or plays the connection part of ex's fault: a drop
// closes the connection unanswered; a timeout waits, then drops.
func (s *Server) respond(w http.ResponseWriter, r *http.Request, ex *exchange, rep reply) {
	switch ex.fault {
	case FaultDropBefore, FaultDropAfter:
		dropConnection(w)
	case FaultTimeoutAfter:
		timeout := s.opts.FaultTimeout
		if timeout <= 0 {
			timeout = DefaultFaultTimeout
		}
		sleep(r.Context(), timeout) // returns early when the client leaves
		dropConnection(w)
	default:
		writeReply(w, rep)
	}
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// HTTP/2, or a hijack refused: abort the response instead.
	panic(http.ErrAbortHandler)
}

// sleep waits for d, and reports false if ctx ended first.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
