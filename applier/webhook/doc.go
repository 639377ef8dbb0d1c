// Package webhook is the core of `lineup serve`: it receives LINE
// webhooks, records every received message in the inbox, and answers
// reply rules.
//
// It owns three things:
//
//   - Signatures. Sign computes x-line-signature; Handler verifies it on
//     the raw body, in constant time, before anything is parsed or
//     recorded. A request with a missing or wrong signature changes
//     nothing.
//   - The inbox (lineup.inbox.jsonl): an append-only JSON Lines file of
//     received messages, their edits and the bot's replies, each with its
//     quote token, chat and sender. Inbox dedupes events by
//     webhookEventId, so a redelivery is recorded once, and every event
//     the Handler answers 200 for is on disk (written and fsynced) first.
//     Another process (lineup plan, lineup inbox) reads the file with
//     ReadInbox without taking any lock.
//   - Reply rules. After answering 200, the Handler tries the rules in
//     order against each new text message and replies with the first
//     match, quoting the message when the rule says so, and records the
//     reply's sent messages in the inbox.
//
// The CLI (cmd/lineup) builds a Handler from the configuration and serves
// it; the planner reads the inbox to resolve inbox["MESSAGE_ID"].
package webhook
