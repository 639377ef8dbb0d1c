// Package planner turns a configuration and a state into a Plan: a pure
// function of its inputs (the clock and the retry-key generator are
// inputs too), so the same inputs give the same plan byte for byte.
//
// It also validates sends against LINE's rules (package rules), mapping
// each problem's JSON path back to the source range lang recorded.
// Renderers (package render) and the applier take a finished Plan; they
// decide nothing. A plan saved for review is a Saved, whose file format
// is package plandoc's; Saved's checks (CheckConfig, CheckState, Match)
// decide whether apply may send from it.
//
// The schedule, the policy and the rules (policy.go) add PolicyNotes to
// each send: when it is due (When, which the applier calls again with its
// own clock), whether it expired, whether it needs approval, and the rules
// it fails. Due (due.go) is the plan of lineup apply -due, made from the
// sends the state records as scheduled.
package planner
