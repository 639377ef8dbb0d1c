package webhook

import (
	"errors"
	"io"
	"net/http"
	"sync"
	"time"
)

// DefaultMaxBody bounds a webhook body when Options.MaxBody is zero.
const DefaultMaxBody = 1 << 20

// DefaultMaxUnverified bounds the bodies read at once before their
// signature is checked when Options.MaxUnverified is zero: with
// DefaultMaxBody, 16 MiB at most. Others are answered 503 at once.
const DefaultMaxUnverified = 16

// Options configure a Handler.
type Options struct {
	// ChannelSecret verifies x-line-signature. Required.
	ChannelSecret string
	// Inbox records received messages and replies: an *Inbox (a file),
	// or a store several replicas share. Required.
	Inbox Store
	// Rules are tried in order against new text messages; the first
	// match replies. Rules without a Replier are never tried.
	Rules   []Rule
	Replier Replier
	// MaxBody bounds the request body; zero means DefaultMaxBody.
	MaxBody int64
	// MaxUnverified bounds the request bodies read at once before their
	// signature is verified; zero means DefaultMaxUnverified.
	MaxUnverified int
	// MaxReplies bounds the replies in flight; zero means 64. A reply
	// that finds no room is dropped and logged: reply tokens expire
	// within about a minute, so a queue would only delay failures.
	MaxReplies int
	// ReplyTimeout bounds one reply call; zero means 30 seconds.
	ReplyTimeout time.Duration
	// Logf logs what the handler refuses, skips or fails at. It is never
	// given secrets, signatures, tokens or message text. Nil discards.
	Logf func(format string, args ...any)
	// Now is the clock for received_at; nil means time.Now.
	Now func() time.Time
}

// Handler is the webhook endpoint of `lineup serve`. It is safe for
// concurrent use.
type Handler struct {
	o       Options
	replies chan struct{} // slots for replies in flight
	wg      sync.WaitGroup
	// reading counts the bodies being read before their signature is
	// checked, at most Options.MaxUnverified.
	reading slots
}

// slots is a counting semaphore that never waits.
type slots chan struct{}

func (s slots) TryAcquire() bool {
	select {
	case s <- struct{}{}:
		return true
	default:
		return false
	}
}

func (s slots) Release() { <-s }

// NewHandler checks the options and fills in defaults.
func NewHandler(o Options) (*Handler, error) {
	if o.ChannelSecret == "" {
		return nil, errors.New("webhook: no channel secret")
	}
	if o.Inbox == nil {
		return nil, errors.New("webhook: no inbox")
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.MaxReplies <= 0 {
		o.MaxReplies = 64
	}
	if o.ReplyTimeout <= 0 {
		o.ReplyTimeout = 30 * time.Second
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	for i, r := range o.Rules {
		if r.Match == nil {
			return nil, errors.New("webhook: rule " + ruleName(r, i) + " has no match")
		}
	}
	if o.MaxUnverified <= 0 {
		o.MaxUnverified = DefaultMaxUnverified
	}
	return &Handler{o: o, replies: make(chan struct{}, o.MaxReplies), reading: make(slots, o.MaxUnverified)}, nil
}

// ServeHTTP verifies the signature on the raw body, records the message
// events, answers 200 once they are on disk, and then replies to new
// text messages in the background. A request with a missing or wrong
// signature is answered 401 and changes nothing; a failure to record is
// answered 500 so that LINE redelivers.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.Header.Get(SignatureHeader) == "" {
		// Refused before a byte of the body is read: an unsigned client
		// costs no memory.
		h.o.Logf("webhook: refused a request from %s: missing signature", r.RemoteAddr)
		w.Header().Set("Connection", "close")
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
	if !h.reading.TryAcquire() {
		// Bodies not yet verified are read a few at a time: a crowd of
		// clients sending a forged signature with a large body waits
		// here, holding no buffer.
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Connection", "close")
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	body, status := h.readBody(w, r)
	h.reading.Release()
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	if !Verify(h.o.ChannelSecret, r.Header.Get(SignatureHeader), body) {
		h.o.Logf("webhook: refused a request from %s: missing or invalid signature", r.RemoteAddr)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
	evs, skipped, err := parse(body)
	if err != nil {
		h.o.Logf("webhook: refused a signed request: %v", err)
		http.Error(w, "malformed webhook body", http.StatusBadRequest)
		return
	}
	if skipped > 0 {
		h.o.Logf("webhook: skipped %d unreadable events", skipped)
	}
	fresh, err := h.record(evs)
	if err != nil {
		h.o.Logf("webhook: %v", err)
		http.Error(w, "could not record the events", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
	h.startReplies(evs, fresh)
}

// readBody reads the body, bounded by MaxBody; status is non-zero on
// failure.
func (h *Handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, int) {
	if r.ContentLength > h.o.MaxBody {
		return nil, http.StatusRequestEntityTooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.o.MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, http.StatusRequestEntityTooLarge
	case err != nil:
		return nil, http.StatusBadRequest
	}
	return body, 0
}

func (h *Handler) record(evs []event) ([]bool, error) {
	if len(evs) == 0 {
		return nil, nil
	}
	now := h.o.Now().UTC()
	recs := make([]Record, len(evs))
	for i := range evs {
		recs[i] = evs[i].rec
		recs[i].ReceivedAt = now
	}
	return h.o.Inbox.Record(recs)
}

// Wait waits for the replies in flight. Call it after the server has
// stopped taking requests.
func (h *Handler) Wait() { h.wg.Wait() }
