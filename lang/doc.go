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
// Used by the planner (validation and plans) and, through Evaluate, by the
// applier, which re-evaluates sends once the sends they depend on are done.
package lang
