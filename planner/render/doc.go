// Package render turns a finished plan into text for people (Human), for
// a pull-request comment (Markdown) and for machines (JSON: the public
// plan document of package plandoc, which saved plans share). It formats
// only: every decision, and every phrase that depends on one
// (Change.Reason), is already in the Plan. The CLI's plan, apply and show
// commands are its users. The text renderers show the values at a send's
// Sensitive paths as (sensitive); the JSON document has null there and
// lists the paths.
//
// The human form follows Terraform's: a "# address ..." comment per change,
// the request body as the configuration writes it (lang.SendNames: message
// objects as their blocks, snake_case attributes, flex contents as
// written), each line prefixed by the change's symbol, "=" aligned within
// each run of attributes, then one summary line. The attribute-level
// difference of a changed send or reply rule keeps JSON paths. NoOp changes are counted
// in the summary, never listed.
//
// Audience changes show as "+ audience", "~" (renamed: description
// "old" -> "new"), "-/+" (replaced: the members before and after) and
// "-"; members as a count, the file and a short digest, never the IDs. A
// long multicast "to" shows its first IDs and a count; a narrowcast's
// recipient and filter show as the functions that built them; a send that
// reaches every friend gets a WARNING comment line; a narrowcast still
// being delivered gets a comment line with its progress.
//
// Summary line: "Plan: S to send, C to create, U to update, R to replace,
// D to delete, F to forget." The create/update/replace/delete counts are
// audiences. When some sends changed after sending or are unresolved,
// "; C changed after sending (not sent), U unresolved" comes before the
// period. Then "Estimated messages: N." or, when some sends cannot be
// counted offline (a push to a group or room, a broadcast or
// narrowcast), "Estimated messages: at least N (K sends to groups, rooms
// or audiences cannot be counted offline)." Online (Plan.Quota set),
// " of N left this month" follows N, or "; N left this month" the
// parenthesis ("no monthly limit" when there is none). Unresolved sends
// apply will retry count in the estimate, as their retry may be
// delivered. A plan of only NoOp changes prints one line that starts with
// "No changes.", then a line for each narrowcast still being delivered.
package render
