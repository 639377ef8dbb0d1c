package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/planner/render"
	"github.com/lineupdev/lineup/planner/state"
)

// jst is the time zone LINE counts days in.
var jst = time.FixedZone("JST", 9*60*60)

// statsDoc is the public JSON of lineup show -stats. Counts are null
// where LINE shows none: not counted yet, or under 20.
type statsDoc struct {
	FormatVersion string       `json:"format_version"`
	Sends         []sendStats  `json:"sends"`
	Daily         []dailyStats `json:"daily"`
}

// sendStats are LINE's statistics of one narrowcast or broadcast.
type sendStats struct {
	Address          string     `json:"address"`
	RequestID        string     `json:"request_id"`
	SentAt           time.Time  `json:"sent_at"`
	Delivered        *int64     `json:"delivered"`
	UniqueImpression *int64     `json:"unique_impression"`
	UniqueClick      *int64     `json:"unique_click"`
	Clicks           []urlStats `json:"clicks"`
	Error            string     `json:"error,omitempty"`
}

type urlStats struct {
	URL         string `json:"url"`
	Click       *int64 `json:"click"`
	UniqueClick *int64 `json:"unique_click"`
}

// dailyStats is LINE's count of one kind of message on one day (JST),
// for the whole channel, with how many of lineup's sends went that day.
type dailyStats struct {
	Date        string `json:"date"`
	Kind        string `json:"kind"`
	Status      string `json:"status"`
	Messages    *int64 `json:"messages"`
	LineupSends int    `json:"lineup_sends"`
	Error       string `json:"error,omitempty"`
}

// showStats is lineup show -stats: LINE's statistics of what the state
// records as sent, for people or (-json) as JSON.
func showStats(ctx context.Context, view viewFlags, sandbox bool, sf stateFlags, g global, s Streams) int {
	format, err := view.resolve()
	if err != nil {
		return fail(s, err)
	}
	if format == "markdown" {
		return fail(s, errors.New("-stats prints text or, with -json, JSON"))
	}
	cfg := loadConfig(inputs{}, g, s)
	if cfg == nil {
		return 1
	}
	_, release, st, err := openState(ctx, cfg.Settings, sf, "", s)
	if err != nil {
		return fail(s, err)
	}
	release()
	client, closeLine, err := connect(cfg, sandbox, s)
	if err != nil {
		return fail(s, err)
	}
	defer closeLine()
	doc := readStats(ctx, client, st)
	if format == "json" {
		if err := writeStatsJSON(s.Out, doc); err != nil {
			return fail(s, err)
		}
		return 0
	}
	printStats(s.Out, doc, s.Now())
	return 0
}

// readStats asks LINE for the statistics of what st records as sent: per
// request for narrowcasts and broadcasts
// (https://developers.line.biz/en/reference/messaging-api/#get-message-event),
// per day and kind for pushes and multicasts, which LINE counts only so
// (https://developers.line.biz/en/reference/messaging-api/#get-number-of-push-messages).
// A failed request is reported in its entry; the others are still read.
func readStats(ctx context.Context, client *line.Client, st *state.State) *statsDoc {
	doc := &statsDoc{FormatVersion: "1", Sends: []sendStats{}, Daily: []dailyStats{}}
	perDay := map[[2]string]int{}
	for _, addr := range sortedAddrs(st) {
		rec := st.Sends[addr]
		if rec.Status != state.Sent || rec.SentAt.IsZero() {
			continue
		}
		kind, _, _ := strings.Cut(addr, ".")
		switch kind {
		case "broadcast", "narrowcast":
			doc.Sends = append(doc.Sends, sendStatsOf(ctx, client, rec))
		case "push", "multicast":
			perDay[[2]string{rec.SentAt.In(jst).Format("20060102"), kind}]++
		}
	}
	keys := make([][2]string, 0, len(perDay))
	for k := range perDay {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
	for _, k := range keys {
		d := dailyStats{Date: k[0], Kind: k[1], LineupSends: perDay[k]}
		n, err := client.DeliveryCount(ctx, k[1], k[0])
		if err != nil {
			d.Error = err.Error()
		} else if d.Status = n.Status; n.Status == "ready" {
			d.Messages = &n.Success
		}
		doc.Daily = append(doc.Daily, d)
	}
	return doc
}

func sendStatsOf(ctx context.Context, client *line.Client, rec *state.Record) sendStats {
	out := sendStats{Address: rec.Address, RequestID: rec.RequestID, SentAt: rec.SentAt.UTC(), Clicks: []urlStats{}}
	ev, err := client.MessageEvent(ctx, rec.RequestID)
	if err != nil {
		out.Error = err.Error()
		return out
	}
	out.Delivered, out.UniqueImpression, out.UniqueClick = ev.Delivered, ev.UniqueImpression, ev.UniqueClick
	for _, c := range ev.Clicks {
		out.Clicks = append(out.Clicks, urlStats{URL: c.URL, Click: c.Click, UniqueClick: c.UniqueClick})
	}
	return out
}

func sortedAddrs(st *state.State) []string {
	addrs := make([]string, 0, len(st.Sends))
	for a := range st.Sends {
		addrs = append(addrs, a)
	}
	slices.Sort(addrs)
	return addrs
}

// printStats writes doc for people; now says whether a missing count is
// one LINE has not made yet (before the day after sending, JST) or one
// under 20.
func printStats(w io.Writer, doc *statsDoc, now time.Time) {
	if len(doc.Sends)+len(doc.Daily) == 0 {
		fmt.Fprintln(w, "No statistics: the state records no send LINE accepted.")
		return
	}
	for _, st := range doc.Sends {
		fmt.Fprintf(w, "%s (request %s, sent %s)\n", st.Address, st.RequestID, st.SentAt.Format("2006-01-02 15:04 MST"))
		if st.Error != "" {
			fmt.Fprintf(w, "  could not be read: %s\n", st.Error)
			continue
		}
		missing := "under 20, not shown"
		if now.Before(counted(st.SentAt)) {
			missing = "not counted yet (LINE counts the day after sending)"
		}
		fmt.Fprintf(w, "  delivered: %s; saw it: %s; opened a link: %s\n",
			countText(st.Delivered, missing), countText(st.UniqueImpression, missing), countText(st.UniqueClick, missing))
		for _, c := range st.Clicks {
			fmt.Fprintf(w, "  %s: opened %s times by %s users\n", c.URL, countText(c.Click, missing), countText(c.UniqueClick, missing))
		}
	}
	if len(doc.Daily) > 0 {
		fmt.Fprintln(w, "\nPushes and multicasts: LINE counts the messages of each kind per day (JST) for the whole channel, "+
			"not per request.")
	}
	for _, d := range doc.Daily {
		day, _ := time.ParseInLocation("20060102", d.Date, jst)
		what := ""
		switch {
		case d.Error != "":
			what = "could not be read: " + d.Error
		case d.Messages != nil:
			what = thousands(*d.Messages) + " messages"
		case d.Status == "unready":
			what = "not counted yet (LINE counts about a day later)"
		case d.Status == "unavailable_for_privacy":
			what = "under 20 messages, not shown"
		default:
			what = d.Status
		}
		fmt.Fprintf(w, "  %s %s: %s (lineup sent %s that day)\n", day.Format("2006-01-02"), d.Kind, what,
			plural(d.LineupSends, d.Kind))
	}
}

// counted is when LINE has counted the interactions of a send of sentAt:
// the next day, JST.
func counted(sentAt time.Time) time.Time {
	y, m, d := sentAt.In(jst).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, jst)
}

func countText(n *int64, missing string) string {
	if n == nil {
		return missing
	}
	return thousands(*n)
}

// thousands writes n as the plans write numbers: 1,207.
func thousands(n int64) string { return render.Thousands(int(n)) }

// plural is "1 push", "3 pushes", "2 multicasts".
func plural(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "sh"):
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeStatsJSON writes doc, indented.
func writeStatsJSON(w io.Writer, doc *statsDoc) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
