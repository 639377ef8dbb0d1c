package sandbox

import "net/http"

// STUB: replaced by the real sandbox.

// Server is the emulator; it is an http.Handler safe for concurrent use.
type Server struct{}

// New makes a Server, loading its world from opts.Dir when it exists there.
func New(opts Options) (*Server, error) { panic("not built") }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { panic("not built") }

// Save writes the world to opts.Dir (no-op without a Dir).
func (s *Server) Save() error { panic("not built") }

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []LoggedRequest { panic("not built") }
