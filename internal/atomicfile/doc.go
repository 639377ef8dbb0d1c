// Package atomicfile writes files so that a crash or a failure leaves
// either the old content or the new, never a mix. The state file
// (planner/state) and lineup fmt write through it. It imports nothing of
// lineup, so every package may use it.
package atomicfile
