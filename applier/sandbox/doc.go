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
// moved forward by {"advance":"25h"}), GET and POST /_sandbox/faults and
// GET /_sandbox/endpoints (the LINE endpoints emulated; a LINE path not
// among them answers 501 naming it, never LINE's "Not found").
//
// It is used in-process by `lineup plan|apply -sandbox` (its world kept in
// a directory so a second run sees the first run's sends), as a server by
// `lineup sandbox`, and by the tests.
//
// A LINE request goes through Server.serveLINE (body, auth, route, rate
// limit, retry key header, size, content type, JSON), then its endpoint's
// handler (one file per endpoint family: push.go, multicast.go (multicast
// and broadcast), quota.go, validate.go, account.go (delivery counts,
// loading animation, bot info, profiles)), which checks the body with
// planner/rules and hands a commit function to Server.accept. accept is
// the only place a send takes effect: it draws a fault (faults.go),
// answers 409 for a retry key already accepted and 429 past the monthly
// limit, runs the commit under the world's lock, counts the recipients
// and consumes the key. Whom a send reaches and counts is decided in
// reach.go: friends who did not block the account, users who wrote 1:1
// in the last week, and the members of the bot's groups and rooms. The
// request is logged, then its answer delayed by Options.Latency and
// written, or its fault played on the connection.
//
// It also plays LINE's webhook side (webhook.go, users.go): POST
// /_sandbox/users/{userId}/messages makes a user send a text, sticker,
// image or video, issuing a message ID, a quote token for that chat and
// a reply token, and delivers the signed message event to
// Options.Webhook (redelivering on failure);
// POST /v2/bot/message/reply takes the reply token (webhook_reply.go).
//
// The channel has a world of friends (population.go; docs/sandbox.md
// describes the default one): a population generated from
// Options.PopulationSeed (or given as Options.Population) with gender,
// age, OS, area, friendship length and who blocked the account, and
// groups and rooms of 3 to 12 members; GET /_sandbox/population lists it. A
// narrowcast (narrowcast.go) ends in accept like the other sends, counting
// no one there: it reserves its planned count against the monthly limit
// and then runs on the sandbox clock, waiting then sending
// (Options.NarrowcastDelay); its recipients (recipient and filter trees,
// filter.go) are fixed, or it fails, when sending starts, and it is
// delivered and counted when sending ends (progress.go, which also
// answers the progress endpoint). Audiences (audience*.go) are built on
// the same clock (Options.AudienceDelay): uploads by JSON or file, click
// and impression audiences from a narrowcast or broadcast, rename,
// delete, get and list. insight.go answers the followers statistics.
package sandbox
