package preview_test

import (
	"strings"
	"testing"

	"github.com/lineupdev/lineup/planner/plandoc"
	"github.com/lineupdev/lineup/planner/preview"
)

// These tests read the page as text; the browser tests measure it.

func TestEmojiIndexCountsUTF16(t *testing.T) {
	// 😀 is two UTF-16 code units, so the "$" after it is at index 2; the
	// "$" at index 4 is not named and stays a dollar sign.
	msg := `{"type":"text","text":"😀$ $","emojis":[{"index":2,"productId":"5ac1bfd5040ab15980c9b435","emojiId":"007"}]}`
	html := string(htmlOf(t, docOf(t, msg), preview.Options{Offline: true}))
	if !strings.Contains(html, "5ac1bfd5040ab15980c9b435/007") {
		t.Error("the emoji at UTF-16 index 2 is not drawn")
	}
	if !strings.Contains(html, "<span> $</span>") {
		t.Errorf("the unnamed $ should stay text; page:\n%s", between(html, `<div class="bubble-text"`, "time"))
	}
}

func TestLinksFlagged(t *testing.T) {
	act := func(uri string) string {
		return `{"type":"button","action":{"type":"uri","label":"x","uri":"` + uri + `"}}`
	}
	body := `{"type":"box","layout":"vertical","contents":[` + act("http://example.com/a?utm_source=l&utm_medium=m&utm_campaign=c") + `,` +
		act("https://example.com/b") + `,` + act("https://example.com/c?utm_source=l&utm_medium=m&utm_campaign=c") + `,` +
		act("tel:0312345678") + `]}`
	p := preview.New(docOf(t, flexBody(body)), nil, preview.Options{Offline: true})
	taps := p.Sends[0].Taps
	if len(taps) != 4 {
		t.Fatalf("%d taps, want 4", len(taps))
	}
	want := []string{"not HTTPS", "no utm_source, utm_medium, utm_campaign", "", ""}
	for i, tap := range taps {
		if got := strings.Join(tap.Flags, "; "); got != want[i] {
			t.Errorf("tap %d (%s): flags %q, want %q", tap.N, tap.Target, got, want[i])
		}
	}
}

func TestOnlySendsApplyWouldMake(t *testing.T) {
	doc := docOf(t, `{"type":"text","text":"hi"}`)
	one := 1
	msgs := doc.Changes[0].Payload
	doc.Changes = append(doc.Changes,
		&plandoc.Change{Address: "push.done", Kind: "push", Action: "no-op", Payload: msgs, EstimatedMessages: &one},
		&plandoc.Change{Address: "push.edited", Kind: "push", Action: "changed", Payload: msgs, EstimatedMessages: &one},
		&plandoc.Change{Address: "audience.vip", Kind: "audience", Action: "send"},
		&plandoc.Change{Address: "push.retry", Kind: "push", Action: "unresolved", Payload: msgs, EstimatedMessages: &one})
	p := preview.New(doc, []preview.Reply{{Name: "hours", Match: "(?i)open", Messages: []any{map[string]any{"type": "text", "text": "9 to 5"}}}},
		preview.Options{})
	var got []string
	for _, s := range p.Sends {
		got = append(got, s.ID+" "+s.Address)
	}
	want := "send-1 push.test, send-2 push.retry, send-3 reply.hours"
	if strings.Join(got, ", ") != want {
		t.Errorf("drawn %q, want %q", strings.Join(got, ", "), want)
	}
	html := string(htmlOf(t, doc, preview.Options{}))
	if !strings.Contains(html, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https:;`) {
		t.Error("the page has no Content-Security-Policy that allows only images")
	}
}

func TestHiddenValuesArePlaceholders(t *testing.T) {
	doc := docOf(t, `{"type":"text","text":null}`)
	p := preview.New(doc, nil, preview.Options{})
	if n := p.Sends[0].Notes; len(n) != 1 || n[0].Path != "messages[0].text" {
		t.Errorf("notes %+v, want one about messages[0].text", n)
	}
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}
