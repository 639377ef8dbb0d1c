package preview_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/lineupdev/lineup/planner/plandoc"
	"github.com/lineupdev/lineup/planner/preview"
	"github.com/lineupdev/lineup/planner/preview/browser"
)

// shared is the one browser of the test binary, and its one tab,
// started by the first test that needs it.
var shared struct {
	once sync.Once
	b    *browser.Browser
	tab  context.Context
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.b != nil {
		shared.b.Close()
	}
	os.Exit(code)
}

// testTab is the shared browser's tab; without a browser the test is
// skipped.
func testTab(t *testing.T) context.Context {
	t.Helper()
	shared.once.Do(func() {
		path, err := browser.Find(os.Getenv("LINEUP_BROWSER"))
		if err != nil {
			shared.err = err
			return
		}
		shared.b, shared.err = browser.Start(context.Background(), path)
		if shared.err == nil {
			shared.tab, _, shared.err = shared.b.Tab(900, 1)
		}
	})
	if errors.Is(shared.err, browser.ErrNotFound) {
		t.Skip("no Chromium: apt-get install chromium fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji fonts-roboto")
	}
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.tab
}

// site serves page at / and a small PNG at every other path, and
// records the paths asked for.
type site struct {
	*httptest.Server
	page  []byte
	mu    sync.Mutex
	asked []string
}

func serve(t *testing.T) *site {
	s := &site{}
	img := pngOf(8, 8)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(s.page)
			return
		}
		s.mu.Lock()
		s.asked = append(s.asked, r.URL.Path)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "image/png")
		w.Write(img)
	}))
	t.Cleanup(s.Close)
	return s
}

func pngOf(w, h int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			m.Set(x, y, color.RGBA{200, 60, 60, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, m)
	return buf.Bytes()
}

// docOf is a plan document of one push of msgs (LINE JSON).
func docOf(t *testing.T, msgs ...string) *plandoc.Document {
	t.Helper()
	var ms []any
	for _, m := range msgs {
		var v any
		if err := json.Unmarshal([]byte(m), &v); err != nil {
			t.Fatalf("bad test message %s: %v", m, err)
		}
		ms = append(ms, v)
	}
	one := len(ms)
	return &plandoc.Document{FormatVersion: plandoc.FormatVersion, CreatedAt: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC),
		Changes: []*plandoc.Change{{Address: "push.test", Kind: "push", Name: "test", Action: "send",
			EstimatedMessages: &one,
			Payload:           map[string]any{"to": "U4af4980629a1b2c3d4e5f60718293a4b", "messages": ms}}}}
}

// htmlOf renders doc.
func htmlOf(t *testing.T, doc *plandoc.Document, opt preview.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := preview.Render(&buf, doc, nil, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rect is an element's getBoundingClientRect.
type rect struct {
	X, Y, W, H float64
	Found      bool
}

func (r rect) right() float64  { return r.X + r.W }
func (r rect) bottom() float64 { return r.Y + r.H }

// open loads page in the shared tab and runs js there, decoding its
// value into out.
func open(t *testing.T, page []byte, js string, out any) *site {
	t.Helper()
	s := serve(t)
	s.page = page
	s.eval(t, js, out)
	return s
}

// eval loads s's page in the shared tab and runs js there, decoding its
// value into out.
func (s *site) eval(t *testing.T, js string, out any) {
	t.Helper()
	ctx := testTab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/")); err != nil {
		t.Fatal(err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	if err := json.Unmarshal(v, out); err != nil {
		t.Fatal(err)
	}
}

// rects are the rects of the elements that sels select in the first
// send's section.
func rects(t *testing.T, page []byte, sels ...string) []rect {
	t.Helper()
	q, _ := json.Marshal(sels)
	js := fmt.Sprintf(`%s.map(s => { const e = document.querySelector("#send-1 " + s); if (!e) return {Found: false};
		const r = e.getBoundingClientRect(); return {X: r.x, Y: r.y, W: r.width, H: r.height, Found: true}; })`, q)
	var out []rect
	open(t, page, js, &out)
	for i, r := range out {
		if !r.Found {
			t.Fatalf("no element %s in the page", sels[i])
		}
	}
	return out
}

// at selects the component at a path of the first message's bubble body.
func at(path string) string { return `[data-path="messages[0].contents.body` + path + `"]` }

// near fails unless got is within 1 px of want.
func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if d := got - want; d > 1 || d < -1 {
		t.Errorf("%s = %.2f px, want %.2f (±1)", what, got, want)
	}
}

// flexBody is a flex message of a mega bubble with body as its body.
func flexBody(body string) string {
	return `{"type":"flex","altText":"test","contents":{"type":"bubble","body":` + body + `}}`
}

func text(s string, props ...string) string {
	q, _ := json.Marshal(s)
	return `{"type":"text","text":` + string(q) + strings.Join(append([]string{""}, props...), ",") + `}`
}
