// Package line is the LINE client the applier uses, built on the official
// SDK (github.com/line/line-bot-sdk-go/v8). It turns lineup's request
// bodies (LINE's JSON) into SDK requests, and LINE's answers into results
// and typed errors that say whether a retry with the same key is safe.
//
// The channel access token is held here and sent only in the
// Authorization header; it never appears in a result or an error.
package line
