package sandbox

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

const authFailed = "Authentication failed due to the following reason: invalid token. " +
	"Confirm that the access token in the authorization header is valid."

// authorized reports whether r carries an acceptable bearer token: the
// configured one, or any non-empty one when none is configured.
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return false
	}
	if s.opts.Token == "" {
		return true
	}
	return subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.Token)) == 1
}
