package preview_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/plandoc"
	"github.com/lineupdev/lineup/planner/preview"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs of the gallery in testdata/gallery")

// galleryNow is the gallery's plan time, so its pictures show one clock.
var galleryNow = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

// gallery is the pages of the gallery: every message type and component
// (testdata/gallery.json), and examples/rich and examples/campaign as
// lineup plans them, with the reply rules of examples/reply.
func gallery(t *testing.T) map[string]*preview.Page {
	t.Helper()
	data, err := os.ReadFile("testdata/gallery.json")
	if err != nil {
		t.Fatal(err)
	}
	var sends map[string][]any
	if err := json.Unmarshal(data, &sends); err != nil {
		t.Fatal(err)
	}
	doc := &plandoc.Document{FormatVersion: plandoc.FormatVersion, CreatedAt: galleryNow}
	var addrs []string
	for a := range sends {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, a := range addrs {
		n := len(sends[a])
		doc.Changes = append(doc.Changes, &plandoc.Change{Address: a, Kind: "push", Action: "send", EstimatedMessages: &n,
			Payload: map[string]any{"to": "U4af4980629a1b2c3d4e5f60718293a4b", "messages": sends[a]}})
	}
	opt := preview.Options{Offline: true}
	pages := map[string]*preview.Page{"gallery": preview.New(doc, nil, opt)}
	for _, ex := range []string{"rich", "campaign", "reply"} {
		cfg, diags := lang.Load(filepath.Join("..", "..", "examples", ex), lang.Options{})
		if diags.HasErrors() {
			t.Fatalf("examples/%s: %s", ex, diags.Error())
		}
		n := 0
		p, diags := planner.Make(cfg, nil, planner.Options{Now: func() time.Time { return galleryNow },
			NewKey: func() string { n++; return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }})
		if diags.HasErrors() {
			t.Fatalf("examples/%s: %s", ex, diags.Error())
		}
		pages[ex] = preview.New(plandoc.New(p), preview.Replies(cfg.Replies()), opt)
	}
	return pages
}

// TestGallery takes a picture of every send of the gallery at device
// scale 2 and compares it with testdata/gallery/PAGE-ADDRESS.png: the
// same size, and at most 0.5% of the pixels off by more than a little
// (-update rewrites them).
func TestGallery(t *testing.T) {
	testTab(t)
	for name, page := range gallery(t) {
		if len(page.Sends) == 0 {
			t.Fatalf("%s: nothing drawn", name)
		}
		var buf bytes.Buffer
		if err := page.Write(&buf); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "index.html")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		var sels []string
		for _, s := range page.Sends {
			sels = append(sels, "#"+s.ID)
		}
		shots, err := shared.b.Shots((&url.URL{Scheme: "file", Path: file}).String(), 880, sels)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range page.Sends {
			golden := filepath.Join("testdata", "gallery", name+"-"+s.Address+".png")
			if *update {
				if err := os.WriteFile(golden, shots[i], 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			comparePNG(t, golden, shots[i])
		}
	}
}

// comparePNG fails unless got looks like the golden PNG.
func comparePNG(t *testing.T, golden string, got []byte) {
	t.Helper()
	wantData, err := os.ReadFile(golden)
	if err != nil {
		t.Errorf("%v (run go test ./planner/preview -run TestGallery -update to write it)", err)
		return
	}
	if bytes.Equal(wantData, got) {
		return
	}
	want, err := png.Decode(bytes.NewReader(wantData))
	if err != nil {
		t.Fatalf("%s: %v", golden, err)
	}
	img, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatalf("picture for %s: %v", golden, err)
	}
	if img.Bounds() != want.Bounds() {
		t.Errorf("%s: the picture is %v, the golden one %v", golden, img.Bounds().Size(), want.Bounds().Size())
		keep(t, golden, got)
		return
	}
	off := 0
	b := img.Bounds()
	p1, p2 := nrgba(img), nrgba(want)
	for i := 0; i < len(p1.Pix); i += 4 {
		for c := 0; c < 4; c++ {
			if d := int(p1.Pix[i+c]) - int(p2.Pix[i+c]); d > 24 || d < -24 {
				off++
				break
			}
		}
	}
	if total := b.Dx() * b.Dy(); off*200 > total {
		t.Errorf("%s: %d of %d pixels differ", golden, off, total)
		keep(t, golden, got)
	}
}

// nrgba is m as an *image.NRGBA.
func nrgba(m image.Image) *image.NRGBA {
	if n, ok := m.(*image.NRGBA); ok {
		return n
	}
	n := image.NewNRGBA(m.Bounds())
	draw.Draw(n, n.Bounds(), m, m.Bounds().Min, draw.Src)
	return n
}

// keep writes the picture that did not match beside the test's temp
// files and logs where.
func keep(t *testing.T, golden string, got []byte) {
	p := filepath.Join(os.TempDir(), "lineup-gallery-"+strconv.Itoa(os.Getpid())+"-"+filepath.Base(golden))
	if os.WriteFile(p, got, 0o644) == nil {
		t.Logf("the picture taken is in %s", p)
	}
}
