package preview_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/lineupdev/lineup/planner/preview"
)

// evil is put in every string field: it must show as text.
const evil = `"'><script>alert(1)</script><img src=x onerror=alert(2)>`

// hostile is messages with evil in every string field and javascript:
// in every URL.
func hostile(t *testing.T) []string {
	q, _ := json.Marshal(evil)
	e := string(q)
	js := `"javascript:alert(3)"`
	act := `{"type":"uri","label":` + e + `,"uri":` + js + `}`
	return []string{
		`{"type":"text","text":` + e + `,"sender":{"name":` + e + `,"iconUrl":` + js + `}}`,
		`{"type":"flex","altText":` + e + `,"contents":{"type":"bubble","hero":{"type":"image","url":` + js + `,"action":` + act + `},` +
			`"body":{"type":"box","layout":"vertical","backgroundColor":` + e + `,"action":` + act + `,"contents":[` +
			`{"type":"text","text":` + e + `,"color":` + e + `,"size":` + e + `},` +
			`{"type":"text","contents":[{"type":"span","text":` + e + `,"color":` + e + `}]},` +
			`{"type":"box","layout":"baseline","contents":[{"type":"icon","url":` + js + `}]},` +
			`{"type":"button","action":` + act + `}]}}}`,
		`{"type":"template","altText":` + e + `,"template":{"type":"buttons","thumbnailImageUrl":` + js + `,"title":` + e +
			`,"text":` + e + `,"actions":[` + act + `,{"type":"message","label":` + e + `,"text":` + e + `},` +
			`{"type":"postback","label":` + e + `,"data":` + e + `,"displayText":` + e + `}]}}`,
		`{"type":"imagemap","baseUrl":` + js + `,"altText":` + e + `,"baseSize":{"width":1040,"height":1040},"actions":[` +
			`{"type":"uri","label":` + e + `,"linkUri":` + js + `,"area":{"x":0,"y":0,"width":520,"height":520}}]}`,
		`{"type":"textV2","text":"{a}` + strings.Trim(e, `"`) + `","substitution":{"a":{"type":"mention","mentionee":{"type":"user","userId":` + e + `}}},` +
			`"quickReply":{"items":[{"type":"action","imageUrl":` + js + `,"action":{"type":"message","label":` + e + `,"text":` + e + `}}]}}`,
	}
}

func TestHostileStringsAreText(t *testing.T) {
	html := string(htmlOf(t, docOf(t, hostile(t)...), preview.Options{}))
	for _, bad := range []string{"<script", "<img", `url("javascript`} {
		if strings.Contains(html, bad) {
			t.Errorf("the page holds %q: configuration text became markup", bad)
		}
	}
	var got struct {
		Elements []string
		OnAttrs  []string
		Evil     int
		JS       bool
	}
	open(t, []byte(html), `(() => {
		const all = [...document.querySelectorAll('body, body *')];
		return {
			Elements: [...new Set(all.map(e => e.tagName.toLowerCase()))].filter(n => !['body','h1','p','section','div','span','dl','dt','dd','h3','ul','ol','li','b','code'].includes(n)),
			OnAttrs: all.flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on') || n === 'href' || n === 'src'),
			Evil: document.body.innerText.split('<script>alert(1)</script>').length - 1,
			JS: document.body.innerText.includes('javascript:alert(3)'),
		}; })()`, &got)
	if len(got.Elements) > 0 || len(got.OnAttrs) > 0 {
		t.Errorf("elements %v and attributes %v came from the configuration", got.Elements, got.OnAttrs)
	}
	if got.Evil < 10 {
		t.Errorf("the hostile string shows as text %d times, want it in every field (at least 10)", got.Evil)
	}
	if !got.JS {
		t.Error("the javascript: link is not shown as text in the legend")
	}
}

func TestLoadsOnlyTheMessagesImages(t *testing.T) {
	s := serve(t)
	msgs := []string{
		`{"type":"text","text":"hi","sender":{"name":"Barista","iconUrl":"` + s.URL + `/avatar.png"}}`,
		`{"type":"flex","altText":"x","contents":{"type":"bubble","hero":{"type":"image","url":"` + s.URL + `/hero.png"},` +
			`"body":{"type":"box","layout":"baseline","contents":[{"type":"icon","url":"` + s.URL + `/icon.png"},` +
			`{"type":"text","text":"x","action":{"type":"uri","label":"go","uri":"` + s.URL + `/never-loaded"}}]}}}`,
		`{"type":"image","originalContentUrl":"` + s.URL + `/big.png","previewImageUrl":"` + s.URL + `/small.png"}`,
	}
	for _, offline := range []bool{false, true} {
		s.mu.Lock()
		s.asked = nil
		s.mu.Unlock()
		s.page = htmlOf(t, docOf(t, append(msgs, hostile(t)...)...), preview.Options{Offline: offline})
		var mu sync.Mutex
		var requested []string
		ctx, cancel := context.WithCancel(testTab(t))
		if err := chromedp.Listen(ctx, func(ev any) {
			if e, ok := ev.(*network.EventRequestWillBeSent); ok {
				mu.Lock()
				requested = append(requested, e.Request.URL)
				mu.Unlock()
			}
		}); err != nil {
			t.Fatal(err)
		}
		var n int
		s.eval(t, `document.querySelectorAll('*').length`, &n)
		cancel()
		mu.Lock()
		var others []string
		for _, u := range requested {
			if u != s.URL+"/" {
				others = append(others, strings.TrimPrefix(u, s.URL))
			}
		}
		mu.Unlock()
		sort.Strings(others)
		want := []string{"/avatar.png", "/hero.png", "/icon.png", "/small.png"}
		if offline {
			want = nil
		}
		if strings.Join(others, " ") != strings.Join(want, " ") {
			t.Errorf("offline=%v: the page asked for %q, want only the messages' images %q", offline, others, want)
		}
	}
}
