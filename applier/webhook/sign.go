package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
)

// SignatureHeader is the header LINE puts the body's signature in. Header
// names are case-insensitive; http.Header.Get canonicalizes them.
const SignatureHeader = "X-Line-Signature"

// Sign returns the x-line-signature value for body: the base64 of
// HMAC-SHA256 keyed with the channel secret, over the exact body bytes.
func Sign(secret string, body []byte) string {
	return base64.StdEncoding.EncodeToString(mac(secret, body))
}

// Verify reports whether signature is the signature of body under
// secret. It compares in constant time and is false for an empty secret
// or signature.
func Verify(secret, signature string, body []byte) bool {
	if secret == "" || signature == "" {
		return false
	}
	got, err := base64.StdEncoding.DecodeString(signature)
	if err != nil {
		return false
	}
	return hmac.Equal(got, mac(secret, body))
}

func mac(secret string, body []byte) []byte {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write(body)
	return h.Sum(nil)
}
