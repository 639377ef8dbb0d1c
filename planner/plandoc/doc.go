// Package plandoc is lineup's one public plan format: the JSON document
// that `lineup plan -json` prints, that `lineup plan -out=FILE` saves and
// that `lineup show -json FILE` prints again, of format FormatVersion.
//
// A Document of a plan (New) holds every change in apply order with its
// action, reason, payload (the request body LINE will receive, with null
// for sensitive values and for values known only after apply, whose
// paths it lists), digest, estimate, prior state and audiences, and the
// summary counts. A saved plan's Document (Saved) is the same document
// with what apply needs besides: the plan ID, the configuration hash, the
// -replace addresses, every retry key, and plan_digest, the SHA-256 of
// the document itself, so that a hand edit is refused (Read).
//
// The planner decides; this package only converts a planner.Plan and a
// planner.Saved to and from the document. Render and the CLI use it.
package plandoc
