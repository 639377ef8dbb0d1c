package render

import (
	"io"

	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/plandoc"
)

// JSON writes p as the public plan document of package plandoc (format
// plandoc.FormatVersion), indented, with a trailing newline: every change
// in apply order, NoOp ones included, with its action ("send", "no-op",
// "changed", "forget", "unresolved", and for audiences "update",
// "replace", "delete"), reason and payload, then the summary counts. It
// returns the first error of w.
func JSON(w io.Writer, p *planner.Plan) error {
	return plandoc.Encode(w, plandoc.New(p))
}
