package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/lineupdev/lineup/applier/webhook"
	"github.com/lineupdev/lineup/lang"
)

// inboxReader reads the inbox for lang's inbox["MESSAGE_ID"] (see
// readInboxOf), in the workspace sf and s choose.
func inboxReader(ctx context.Context, sf stateFlags, s Streams) lang.InboxReader {
	return func(set lang.Settings, path string) (map[string]lang.InboxMessage, error) {
		set.InboxFile = path
		in, err := readInboxOf(ctx, set, sf, s) // backend.go
		if err != nil {
			return nil, err
		}
		return inboxMessages(in), nil
	}
}

// inboxMessages are the messages of in by ID, as lang takes them.
func inboxMessages(in *webhook.Inbox) map[string]lang.InboxMessage {
	msgs := in.Recent(math.MaxInt)
	out := make(map[string]lang.InboxMessage, len(msgs))
	for _, m := range msgs {
		out[m.ID] = lang.InboxMessage{
			ID: m.ID, Type: m.Type, QuoteToken: m.QuoteToken,
			Chat: m.Chat, UserID: m.UserID, Text: m.Text,
		}
	}
	return out
}

// inboxSettings is the lineup block of the configuration in the working
// directory, which says where the inbox is. The configuration need not be
// valid: listing the inbox is how one finds the message ID a broken
// inbox["..."] reference should name.
func inboxSettings(s Streams) lang.Settings {
	cfg, _ := lang.Load(".", lang.Options{Env: s.Env})
	if cfg == nil {
		return lang.Settings{}
	}
	return cfg.Settings
}

func runInbox(ctx context.Context, g global, args []string, s Streams) int {
	fs := newFlags("inbox [options]", "Lists the messages lineup serve received, newest last, with the IDs "+
		"to use as inbox[\"MESSAGE_ID\"] in a push that quotes them.", s)
	n := fs.Int("n", 20, "list the last `N` messages")
	asJSON := fs.Bool("json", false, "print JSON, with full texts and quote tokens")
	var sf stateFlags
	sf.register(fs)
	if code, ok := parse(fs, args, s); !ok {
		return code
	}
	in, err := readInboxOf(ctx, inboxSettings(s), sf, s) // backend.go
	if err != nil {
		return fail(s, err)
	}
	path := in.Path()
	msgs := in.Recent(max(*n, 0))
	if *asJSON {
		return printInboxJSON(s, path, msgs)
	}
	if len(msgs) == 0 {
		fmt.Fprintf(s.Out, "The inbox (%s) is empty. lineup serve records the messages users send to the account.\n", path)
		return 0
	}
	tw := tabwriter.NewWriter(s.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTIME\tCHAT\tUSER\tTYPE\tTEXT\tQUOTE TOKEN")
	for _, m := range msgs {
		user, typ := m.UserID, m.Type
		if m.Kind == webhook.KindReply {
			user, typ = "(bot)", "reply:"+m.Rule
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.ReceivedAt.UTC().Format(time.DateTime),
			orDash(m.Chat), orDash(user), orDash(typ), orDash(truncate(m.Text, 30)), orDash(truncate(m.QuoteToken, 12)))
	}
	if err := tw.Flush(); err != nil {
		return fail(s, err)
	}
	return 0
}

// inboxJSON is the public JSON form of `lineup inbox -json`.
type inboxJSON struct {
	FormatVersion string             `json:"format_version"`
	Path          string             `json:"path"`
	Messages      []inboxMessageJSON `json:"messages"`
}

type inboxMessageJSON struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	ReceivedAt time.Time `json:"received_at"`
	ChatType   string    `json:"chat_type,omitempty"`
	Chat       string    `json:"chat,omitempty"`
	UserID     string    `json:"user_id,omitempty"`
	Type       string    `json:"type,omitempty"`
	Text       string    `json:"text,omitempty"`
	QuoteToken string    `json:"quote_token,omitempty"`
	Rule       string    `json:"rule,omitempty"`
}

func printInboxJSON(s Streams, path string, msgs []webhook.Message) int {
	out := inboxJSON{FormatVersion: "1", Path: path, Messages: []inboxMessageJSON{}}
	for _, m := range msgs {
		out.Messages = append(out.Messages, inboxMessageJSON{
			ID: m.ID, Kind: m.Kind, ReceivedAt: m.ReceivedAt.UTC(), ChatType: m.ChatType, Chat: m.Chat,
			UserID: m.UserID, Type: m.Type, Text: m.Text, QuoteToken: m.QuoteToken, Rule: m.Rule,
		})
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fail(s, err)
	}
	fmt.Fprintf(s.Out, "%s\n", data)
	return 0
}

// truncate puts s on one line and shortens it to n characters, marking
// the cut with "…".
func truncate(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
