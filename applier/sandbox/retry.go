package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// retryKeyTTL is how long LINE remembers an accepted retry key, counted
// from its first acceptance; after that the key is new again.
const retryKeyTTL = 24 * time.Hour

// acceptance is what the world remembers of the request that consumed a
// retry key.
type acceptance struct {
	RequestID string
	At        time.Time
	Endpoint  string
	// SentMessages is the original answer's sentMessages (push only).
	SentMessages []SentMessage
}

// checkRetryKey applies the header rules
// (https://developers.line.biz/en/docs/messaging-api/retrying-api-request/): an empty value is no
// key; a key is allowed only on retryable endpoints and must be a UUID.
func checkRetryKey(ex *exchange, h http.Header) (reply, bool) {
	ex.retryKey = h.Get("X-Line-Retry-Key")
	v := strings.TrimSpace(ex.retryKey)
	if v == "" {
		return reply{}, true
	}
	if !ex.endpoint.retryable {
		return errorReply(http.StatusBadRequest,
			"The retry key is not supported by this API"), false
	}
	key, ok := canonicalUUID(v)
	if !ok {
		return errorReply(http.StatusBadRequest, "The retry key is not a valid UUID"), false
	}
	ex.key = key
	return reply{}, true
}

// acceptedKey returns the live acceptance of key at now, if any.
func (w *world) acceptedKey(key string, now time.Time) (acceptance, bool) {
	if key == "" {
		return acceptance{}, false
	}
	a, ok := w.retryKeys[key]
	if !ok || now.Sub(a.At) >= retryKeyTTL {
		return acceptance{}, false
	}
	return a, true
}

// conflictReply is LINE's 409 for a retry key already accepted: the
// original request ID in X-Line-Accepted-Request-Id, and for push the
// original sentMessages.
func conflictReply(a acceptance) reply {
	return reply{
		status:            http.StatusConflict,
		acceptedRequestID: a.RequestID,
		body: errorBody{
			Message:      "The retry key is already accepted",
			SentMessages: a.SentMessages,
		},
	}
}
