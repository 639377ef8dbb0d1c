// Package sandbox is a LINE Messaging API emulator over real HTTP, faithful
// to the behaviour lineup depends on: bearer auth, X-Line-Request-Id on
// every answer, retry keys and their 409 answer, quote tokens that work
// only in their own chat, numeric-string message IDs and LINE-style error
// bodies. It keeps every request it received and serves the log at
// GET /_sandbox/requests, and the delivered messages at
// GET /_sandbox/messages (the /_sandbox/ paths need no token).
//
// It is used in-process by `lineup plan|apply -sandbox` (its world kept in
// a directory so a second run sees the first run's sends), as a server by
// `lineup sandbox`, and by the tests.
//
// A LINE request goes through Server.serveLINE (body, auth, route, retry
// key header, size, content type, JSON), then its endpoint's handler (one
// file per endpoint family: push.go, validate.go), which checks the body
// with planner/rules and hands a commit function to Server.accept. accept
// is the only place a request takes effect: it answers 409 for a retry key
// already accepted, runs the commit under the world's lock and consumes
// the key. Fault injection belongs there, before and after the commit.
//
// Not emulated yet (answered 404): reply, multicast, narrowcast,
// broadcast, audiences, quota and insight endpoints.
package sandbox
