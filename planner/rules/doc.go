// Package rules holds LINE's message rules, written once over LINE's JSON
// (the request bodies lineup sends). Check is the one entry point that
// decides whether a send's body passes: the planner calls it at validate
// and plan, mapping each problem's path back to a source range; the
// applier before each request; serve for its reply rules. The sandbox,
// which answers an invalid request as LINE does (400 with
// details[].property), calls the rules of each endpoint (Push, Multicast,
// Broadcast, Narrowcast, Messages) directly.
package rules
