package lang

import (
	"github.com/hashicorp/hcl/v2"
)

// Config is an evaluated configuration. A non-nil Config may come back from
// Load together with error diagnostics; use it then only for further
// validation, never to plan or apply.
type Config struct {
	// Dir is the configuration directory, as given to Load.
	Dir string
	// Settings come from the lineup block, with defaults filled in.
	Settings Settings
	// Sends holds every send, in dependency order: a send comes after every
	// send it depends on; ties are broken by address.
	Sends []*Send
	// Audiences holds every audience block, sorted by name.
	Audiences []*Audience
	// Policy is the policy block; nil when there is none.
	Policy *Policy
	// Rules are the rule blocks, sorted by name.
	Rules []*Rule
	// Files holds the parsed source of every file, keyed by the filename
	// used in ranges, for rendering diagnostics with their source lines.
	Files map[string]*hcl.File

	eval *evaluator // what Evaluate needs; set by Load
}

// DefaultStateFile is the state file of a configuration whose lineup
// block names none.
const DefaultStateFile = "lineup.state.json"

// Settings is the lineup block.
type Settings struct {
	// StateFile is the state file path, relative to Dir unless absolute;
	// DefaultStateFile unless the lineup block names another.
	StateFile string
	// TokenEnv names the environment variable holding the channel access token.
	TokenEnv string // default "LINE_CHANNEL_ACCESS_TOKEN"
	// SecretEnv names the environment variable holding the channel secret.
	SecretEnv string // default "LINE_CHANNEL_SECRET"
	// InboxFile is the webhook inbox file as written in the lineup block;
	// empty means DefaultInboxFile. See Settings.InboxPath.
	InboxFile string
	// Backend is the backend block; nil keeps the state in files.
	Backend *Backend
	// Testers are the user IDs lineup apply -test delivers test copies to.
	Testers   []string
	DeclRange hcl.Range
}

// The backend block's defaults.
const (
	DefaultURLEnv = "LINEUP_DATABASE_URL"
	DefaultSchema = "lineup"
)

// Backend is a backend block: where the state is kept instead of files.
type Backend struct {
	// Type is "postgres".
	Type string
	// URLEnv names the environment variable holding the database URL
	// (DefaultURLEnv unless set); the URL itself is never in the
	// configuration.
	URLEnv string
	// Schema is the database schema of lineup's tables (DefaultSchema
	// unless set).
	Schema string
	// Workspace keeps this configuration's state apart from the others
	// in the database.
	Workspace string
	DeclRange hcl.Range
}

// Kind is what a send is, which decides the LINE endpoint it goes to and
// the rules its body must pass. It is the first part of its address.
type Kind string

// The kinds of sends. A reply rule is evaluated as a send of KindReply.
const (
	KindPush       Kind = "push"
	KindMulticast  Kind = "multicast"
	KindBroadcast  Kind = "broadcast"
	KindNarrowcast Kind = "narrowcast"
	KindReply      Kind = "reply"
)

// SendKinds are the kinds of the sends a configuration declares (a reply
// rule is not one).
var SendKinds = []Kind{KindPush, KindMulticast, KindBroadcast, KindNarrowcast}

// Send is one push, multicast, broadcast or narrowcast.
type Send struct {
	Kind      Kind // KindPush, KindMulticast, KindBroadcast or KindNarrowcast
	Name      string
	DeclRange hcl.Range
	// DependsOn lists, sorted, the addresses of the sends whose values known
	// after apply this send uses, directly or through locals and bundles.
	DependsOn []string
	// Body is the LINE request body, as LINE's JSON: map[string]any with
	// string, float64, bool, []any, map[string]any and Unknown leaves. For a
	// push: to, messages, and notificationDisabled / customAggregationUnits
	// when set.
	Body map[string]any
	// Ranges maps JSON paths of Body ("to", "messages[0].text",
	// "messages[1].quoteToken") to the source range of the value's
	// expression, or of its block for objects. A path without an entry (a
	// value a function built) is placed by its nearest enclosing path: use
	// RangeOf. Message objects taken from a bundle point into the bundle
	// block, also through concat and indexing.
	Ranges map[string]hcl.Range
	// Sensitive holds the JSON paths of Body whose values come from a
	// variable declared sensitive = true ("to", "messages[0].text"); the
	// whole value at such a path, and everything under it, is sensitive.
	// Renderers show it as (sensitive) and plan files never hold it. Body
	// itself holds the real value. Nil when nothing is sensitive.
	Sensitive map[string]bool
	// Schedule is when the send may go out (not_before, not_after).
	Schedule Schedule
	// Wait is true for a narrowcast whose progress apply follows until it
	// succeeds or fails (wait = true, the default).
	Wait bool
}

// Address is the send's address, for example "push.welcome".
func (s *Send) Address() string { return string(s.Kind) + "." + s.Name }

// Unknown stands in Body for a value known only after apply.
type Unknown struct {
	// Ref is the expression that produces it, for display:
	// "push.first.sent[0].quote_token".
	Ref string
}

// SentMessage is one entry of a push's sentMessages.
type SentMessage struct {
	ID         string
	QuoteToken string // "" for types that return none
}

// Result holds the values known after apply of one send or audience.
type Result struct {
	RequestID string        // push, broadcast, narrowcast
	Sent      []SentMessage // push
	// RequestIDs are a multicast's request IDs, one per request of at most
	// 500 users.
	RequestIDs []string
	// AudienceID is an audience's audienceGroupId.
	AudienceID int64
}

// Options are the inputs of Load besides the files.
type Options struct {
	// Vars are -var arguments, NAME=VALUE, in command-line order.
	Vars []string
	// VarFiles are -var-file paths (HCL or JSON), relative to the working
	// directory of the command, in command-line order.
	VarFiles []string
	// Env is the environment in os.Environ form; LINEUP_VAR_NAME sets
	// variable NAME.
	Env []string
	// UnsetVariablesUnknown makes a variable given no value (and having no
	// default) unknown instead of an error, as terraform validate does:
	// the configuration is checked for every value it could take.
	// Validate sets it; plan and apply need every value.
	UnsetVariablesUnknown bool
	// Results are the values known after apply of sends already done, by
	// address; sends not in it evaluate their references to Unknown.
	Results map[string]Result
	// ResultsFrom, when set, is called once the lineup block is decoded,
	// with its settings, and gives Results (typically read from the state
	// file the settings name), so the configuration is evaluated once. It
	// runs on its own goroutine while Load goes on, until evaluation.
	ResultsFrom func(Settings) map[string]Result
	// Inbox reads the webhook inbox for inbox["MESSAGE_ID"]. It is called
	// at most once, and only when the configuration refers to inbox; nil
	// reads an empty inbox.
	Inbox InboxReader
	// Once is for commands that evaluate the configuration only once
	// (plan, validate): Load lets go of the syntax of each bundle and push
	// as soon as it is evaluated, and of the files but their text, so a
	// large configuration is never held twice. Config.Evaluate then
	// reports an error.
	Once bool
	// ParallelMin is the fewest bundles and pushes that do not refer to
	// each other evaluated in parallel; 0 means 64. Whatever it is, the
	// configuration and diagnostics are the same.
	ParallelMin int
}

// RangeOf is the source range of the value at the JSON path of Body, or
// of its nearest enclosing path that has one, or the send's block.
func (s *Send) RangeOf(path string) hcl.Range {
	return RangeAt(s.Ranges, path, s.DeclRange)
}
