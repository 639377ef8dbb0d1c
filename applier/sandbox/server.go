package sandbox

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Server is the emulator; it is an http.Handler safe for concurrent use.
// The api and api-data hosts share one listener: their paths never collide.
type Server struct {
	opts   Options
	now    func() time.Time
	routes *router

	mu    sync.Mutex // guards world
	world *world

	saveMu sync.Mutex // serializes Save
}

// New makes a Server, loading its world from opts.Dir when it exists there.
// A world file that cannot be read is an error, and is left untouched.
func New(opts Options) (*Server, error) {
	s := &Server{opts: opts, now: opts.Now, routes: lineRoutes()}
	if s.now == nil {
		s.now = time.Now
	}
	w, err := loadWorld(opts.Dir)
	if err != nil {
		return nil, err
	}
	s.world = w
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
}

// ServeHTTP answers LINE paths as LINE does, and the sandbox's own paths
// under /_sandbox/. Every answer carries a new X-Line-Request-Id.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ex := &exchange{requestID: newRequestID(), now: s.now()}
	w.Header().Set("X-Line-Request-Id", ex.requestID)
	if strings.HasPrefix(r.URL.Path, "/_sandbox/") {
		writeReply(w, s.serveSandbox(r))
		return
	}
	rep := s.serveLINE(ex, r)
	writeReply(w, rep)
	s.logRequest(ex, r, rep)
}

// serveLINE runs the checks every LINE endpoint shares, in LINE's order,
// then hands the request to its endpoint.
func (s *Server) serveLINE(ex *exchange, r *http.Request) reply {
	raw, tooLarge, err := readBody(r.Body)
	ex.raw = raw
	if err != nil {
		return errorReply(http.StatusBadRequest, "The request body could not be read")
	}
	if !s.authorized(r) {
		return errorReply(http.StatusUnauthorized, authFailed)
	}
	ep, params := s.routes.match(r.Method, r.URL.Path)
	if ep == nil {
		return errorReply(http.StatusNotFound, "Not found")
	}
	ex.endpoint, ex.params = ep, params
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

// readBody reads at most maxBody bytes, and reports whether there was more.
func readBody(body io.Reader) (raw []byte, tooLarge bool, err error) {
	if body == nil {
		return nil, false, nil
	}
	raw, err = io.ReadAll(io.LimitReader(body, maxBody+1))
	if err != nil && !errors.Is(err, io.EOF) {
		return raw, false, err
	}
	if len(raw) > maxBody {
		return raw[:maxBody], true, nil
	}
	return raw, false, nil
}
