package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"regexp"
	"strings"

	"github.com/google/uuid"
)

// newRequestID is an X-Line-Request-Id: a new lowercase UUID.
func newRequestID() string { return uuid.NewString() }

// quoteTokenBytes makes a 150-character base64url token, as long as the
// one in LINE's documentation.
const quoteTokenBytes = 112

// newQuoteToken is an opaque, unguessable quote token.
func newQuoteToken() string {
	b := make([]byte, quoteTokenBytes)
	_, _ = rand.Read(b) // crypto/rand.Read never fails.
	return base64.RawURLEncoding.EncodeToString(b)
}

// firstMessageID is the ID of a new world's first message: message IDs are
// 18-digit decimal strings.
const firstMessageID uint64 = 500000000000000001

var uuidText = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// canonicalUUID returns s lowercased when it is a UUID in hex-with-dashes
// form (any version), as LINE wants retry keys.
func canonicalUUID(s string) (string, bool) {
	if !uuidText.MatchString(s) {
		return "", false
	}
	return strings.ToLower(s), true
}
