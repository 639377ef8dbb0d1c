// Package sandbox is a LINE Messaging API emulator over real HTTP, faithful
// to the behaviour lineup depends on: bearer auth, X-Line-Request-Id on
// every answer, retry keys and their 409 answer, quote tokens that work
// only in their own chat, numeric-string message IDs and LINE-style error
// bodies. It keeps every request it received and serves the log at
// GET /_sandbox/requests.
//
// It is used in-process by `lineup plan|apply -sandbox` (its world kept in
// a directory so a second run sees the first run's sends), as a server by
// `lineup sandbox`, and by the tests.
package sandbox
