package planner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/lineupdev/lineup/lang"
)

// Digest is the hex SHA-256 of body's canonical JSON: keys sorted, no
// insignificant space, no HTML escaping, numbers that are whole printed
// without exponent (as encoding/json does below 1e21). The state keeps
// it to tell whether a send changed since it was sent, so this encoding
// must never change.
//
// Body must hold no lang.Unknown: Digest panics on one, as it is a
// mistake of the caller (a body with values known only after apply has
// no digest yet; see Change.Digest).
func Digest(body map[string]any) string {
	if path, u, found := lang.FirstUnknown("", body); found {
		panic(fmt.Sprintf("planner.Digest: body holds a value known only after apply (%s at %s)", u.Ref, path))
	}
	return digestKnown(body)
}

// digestKnown is Digest of a body the caller found no lang.Unknown in.
func digestKnown(body map[string]any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		panic(fmt.Sprintf("planner.Digest: body is not JSON: %v", err))
	}
	sum := sha256.Sum256(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return hex.EncodeToString(sum[:])
}

// AudienceDigest describes an audience's members: for an upload audience
// the digest of its IDs, for a click or impression audience the digest of
// the request ID and URL it is built from ("" while the request ID is
// not known). A different digest means the audience must be replaced.
func AudienceDigest(a *lang.Audience) string {
	r := a.Click
	if r == nil {
		r = a.Impression
	}
	if r == nil {
		if a.UserIDs == nil {
			return ""
		}
		return a.UserIDs.Digest
	}
	id, ok := r.RequestID.(string)
	if !ok {
		return ""
	}
	sum := sha256.Sum256([]byte(id + "\n" + r.URL))
	return hex.EncodeToString(sum[:])
}
