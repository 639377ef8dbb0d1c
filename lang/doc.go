// Package lang loads a lineup configuration: every *.lineup.hcl file of one
// directory, decoded with a schema, merged by address, ordered by a
// dependency graph and evaluated into plain Go values.
//
// Nothing past this package sees HCL bodies or expressions: a Config holds
// each send as the JSON body LINE will receive, with the source range of
// every JSON path so later stages can still point at the file. Values known
// only after apply (push.NAME.sent[0].quote_token, push.NAME.request_id)
// appear as Unknown until Evaluate is given them.
//
// Evaluation carries cty value marks: each message object is marked with
// the block it came from (so Ranges point into bundles through concat), a
// quote token returned by push.X with X (so a push that quotes it can be
// checked to send to the same chat), and a value known only after apply
// with the reference that produces it (for Unknown.Ref), and the value of a
// variable declared sensitive = true, with everything computed from it, as
// sensitive (the JSON paths that hold one go to Send.Sensitive). Marks
// never reach a Body.
//
// Every walk over a body, here and in the packages above, is Walk or
// Rewrite (walk.go): sorted keys, JSON paths built one way, so the value
// an error names is the same on every run and RangeAt finds its source.
//
// Choices where docs/language.md is silent: messages = EXPR must evaluate to a
// list of message objects that come from bundles (a literal object is an
// error); a -var-file that sets an undeclared variable is a warning (a -var
// for one is an error); a value from the environment or -var is taken
// literally for string and untyped variables and read as an HCL expression
// otherwise; giving index on some emoji blocks of a text but not all is an
// error.
//
// The schedule of a send (not_before, not_after: schedule.go) and the
// policy block (policy.go) are evaluated to Go values like the rest; a rule
// block (rule.go) is the one thing that keeps an expression, behind
// Rule.Check, because it is evaluated once per send with values only the
// planner knows (the estimated messages). Time zone names come from the
// zone database embedded in the binary (time/tzdata).
//
// Used by the planner (validation and plans) and, through Evaluate, by the
// applier, which re-evaluates sends once the sends they depend on are done.
package lang
