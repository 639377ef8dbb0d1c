// Package sandbox is a LINE Messaging API emulator over real HTTP, faithful
// to the behaviour lineup depends on: bearer auth, X-Line-Request-Id on
// every answer, retry keys and their 409 answer, quote tokens that work
// only in their own chat, numeric-string message IDs, LINE-style error
// bodies, the monthly quota counted per recipient person, and LINE's rate
// limits (Options.RateLimits). It keeps every request it received and
// serves its own paths, which need no token (control.go):
// GET /_sandbox/requests (the log, with what was accepted and which fault
// was played), /_sandbox/messages (push messages with their IDs),
// /_sandbox/deliveries (every accepted send, a multicast kept once with
// its distinct users), GET and POST /_sandbox/clock (the sandbox's time,
// moved forward by {"advance":"25h"}) and GET and POST /_sandbox/faults.
//
// It is used in-process by `lineup plan|apply -sandbox` (its world kept in
// a directory so a second run sees the first run's sends), as a server by
// `lineup sandbox`, and by the tests.
//
// A LINE request goes through Server.serveLINE (body, auth, route, rate
// limit, retry key header, size, content type, JSON), then its endpoint's
// handler (one file per endpoint family: push.go, multicast.go (multicast
// and broadcast), quota.go, validate.go), which checks the body with
// planner/rules and hands a commit function to Server.accept. accept is
// the only place a send takes effect: it draws a fault (faults.go),
// answers 409 for a retry key already accepted and 429 past the monthly
// limit, runs the commit under the world's lock, counts the recipients
// and consumes the key. The request is logged, then its answer delayed by
// Options.Latency and written, or its fault played on the connection.
//
// Not emulated yet (answered 404): reply, narrowcast, audiences and
// insight endpoints. A narrowcast handler must end in accept, with the
// people it counts, so that faults and the quota apply to it.
package sandbox
