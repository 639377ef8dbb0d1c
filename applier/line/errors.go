package line

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/line/line-bot-sdk-go/v8/linebot/messaging_api"
)

// APIError is an answer from LINE other than 2xx (and other than a 409
// for an accepted retry key, which Push turns into a result).
type APIError struct {
	Status            int
	Message           string
	Details           []Detail
	RequestID         string
	AcceptedRequestID string
	SentMessages      []messaging_api.SentMessage
}

// Detail is one entry of details[] in LINE's error body.
type Detail struct {
	Property string
	Message  string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "LINE answered %d %s", e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	for _, d := range e.Details {
		fmt.Fprintf(&b, "; %s: %s", d.Property, d.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request %s)", e.RequestID)
	}
	return b.String()
}

// NetworkError is a request whose answer never arrived: it may or may not
// have been accepted.
type NetworkError struct{ Err error }

func (e *NetworkError) Error() string { return "no answer from LINE: " + e.Err.Error() }
func (e *NetworkError) Unwrap() error { return e.Err }

// MonthlyLimit is LINE's message for an exhausted monthly allowance.
const MonthlyLimit = "You have reached your monthly limit."

// Outcome classifies an error from a send.
type Outcome int

const (
	// Rejected: LINE refused the request; nothing was sent. Retrying the
	// same request cannot help.
	Rejected Outcome = iota
	// Unknown: the request may have been accepted (no answer, or 5xx).
	// Retrying with the same retry key is safe.
	Unknown
	// Throttled: the rate limit refused it; nothing was sent. Retry after
	// backing off.
	Throttled
	// QuotaExhausted: the monthly limit is reached; nothing was sent and
	// further sends that count against the quota will fail too.
	QuotaExhausted
)

// Classify says what an error from a send means for a retry.
func Classify(err error) Outcome {
	var api *APIError
	if !errors.As(err, &api) {
		return Unknown
	}
	switch {
	case api.Status >= 500:
		return Unknown
	case api.Status == http.StatusTooManyRequests && api.Message == MonthlyLimit:
		return QuotaExhausted
	case api.Status == http.StatusTooManyRequests:
		return Throttled
	}
	return Rejected
}
