// Package rules holds LINE's message rules, written once over LINE's JSON
// (the request bodies lineup sends) and used in two places: the planner,
// which maps each problem's path back to a source range, and the sandbox,
// which answers an invalid request as LINE does (400 with
// details[].property).
package rules
