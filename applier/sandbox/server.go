package sandbox

import (
	"errors"
	"io"
	"math/rand"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Server is the emulator; it is an http.Handler safe for concurrent use.
// The api and api-data hosts share one listener: their paths never collide.
type Server struct {
	opts   Options
	now    func() time.Time
	offset atomic.Int64 // nanoseconds the clock was advanced
	routes *router
	// delays are Options.NarrowcastDelay and AudienceDelay, as SetDelays
	// changes them.
	narrowcastDelay, audienceDelay atomic.Int64

	mu      sync.Mutex // guards world, faults, rng and buckets
	world   *world
	faults  Faults
	rng     *rand.Rand
	buckets map[string]*bucket

	saveMu sync.Mutex // serializes Save

	hook *hookState // webhook target and reply tokens; guarded by mu

	pop *population // friends, groups and rooms; fixed by New
}

// New makes a Server, loading its world from opts.Dir when it exists there.
// A world file that cannot be read is an error, and is left untouched.
func New(opts Options) (*Server, error) {
	s := &Server{opts: opts, now: opts.Now, routes: lineRoutes(),
		faults: opts.Faults, buckets: map[string]*bucket{}, hook: newHookState(opts)}
	if s.now == nil {
		s.now = time.Now
	}
	s.SetDelays(opts.NarrowcastDelay, opts.AudienceDelay)
	seed := opts.Seed
	if seed == 0 {
		seed = time.Now().UnixNano()
	}
	s.rng = rand.New(rand.NewSource(seed))
	w, err := loadWorld(opts.Dir)
	if err != nil {
		return nil, err
	}
	s.world = w
	s.pop = w.usePopulation(opts)
	return s, nil
}

// exchange is one LINE request on its way through the sandbox.
type exchange struct {
	requestID string
	endpoint  *endpoint
	params    map[string]string
	// retryKey is the X-Line-Retry-Key header as received (may be empty);
	// key is its canonical form, empty when there is none.
	retryKey, key string
	raw           []byte
	body          map[string]any
	now           time.Time
	// accepted is set by accept when the send took effect.
	accepted bool
	// fault is the fault accept played, "" for none.
	fault string
	// req is the request, for its query and headers; its body is raw.
	req *http.Request
}

// ServeHTTP answers LINE paths as LINE does, and the sandbox's own paths
// under /_sandbox/. Every answer carries a new X-Line-Request-Id. A LINE
// request is logged before its answer is delayed (Options.Latency) and
// written, or its fault played.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ex := &exchange{requestID: newRequestID(), now: s.Now(), req: r}
	w.Header().Set("X-Line-Request-Id", ex.requestID)
	if rep, ok := s.serveHookControl(r); ok {
		writeReply(w, rep)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/_sandbox/") {
		writeReply(w, s.serveSandbox(r))
		return
	}
	rep := s.serveLINE(ex, r)
	s.logRequest(ex, r, rep)
	if !sleep(r.Context(), s.opts.Latency) {
		dropConnection(w) // the client went away: answer nothing
		return
	}
	s.respond(w, r, ex, rep)
}

// serveLINE runs the checks every LINE endpoint shares, in LINE's order,
// then hands the request to its endpoint.
func (s *Server) serveLINE(ex *exchange, r *http.Request) reply {
	limit := int64(maxBody)
	if ep, _ := s.routes.match(r.Method, r.URL.Path); ep != nil && ep.maxBody > 0 {
		limit = ep.maxBody
	}
	raw, tooLarge, err := readBody(r.Body, limit)
	ex.raw = raw
	if err != nil {
		return errorReply(http.StatusBadRequest, "The request body could not be read")
	}
	if !s.authorized(r) {
		return errorReply(http.StatusUnauthorized, authFailed)
	}
	ep, params := s.routes.match(r.Method, r.URL.Path)
	if ep == nil {
		return notEmulatedReply(r.Method, r.URL.Path)
	}
	ex.endpoint, ex.params = ep, params
	if s.rateLimited(ex) {
		return rateLimitReply()
	}
	if rep, ok := checkRetryKey(ex, r.Header); !ok {
		return rep
	}
	if tooLarge {
		return errorReply(http.StatusRequestEntityTooLarge, "The request body is larger than 2 MB")
	}
	if ep.json {
		if rep, ok := checkContentType(r.Header.Get("Content-Type")); !ok {
			return rep
		}
		body, rep, ok := parseObject(raw)
		if !ok {
			return rep
		}
		ex.body = body
	}
	return ep.handle(s, ex)
}

// maxBody is LINE's request body limit.
const maxBody = 2 << 20

// readBody reads at most limit bytes, and reports whether there was more.
func readBody(body io.Reader, limit int64) (raw []byte, tooLarge bool, err error) {
	if body == nil {
		return nil, false, nil
	}
	raw, err = io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil && !errors.Is(err, io.EOF) {
		return raw, false, err
	}
	if int64(len(raw)) > limit {
		return raw[:limit], true, nil
	}
	return raw, false, nil
}
