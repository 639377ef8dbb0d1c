package preview_test

import (
	"strings"
	"testing"

	"github.com/lineupdev/lineup/planner/preview"
)

// The flex layout tests of LINE's "Flex Message layout" page
// (https://developers.line.biz/en/docs/messaging-api/flex-message-layout/),
// measured in Chromium with getBoundingClientRect. A mega bubble's body
// is 300 px wide with 20 px of padding at each side, so its boxes are
// 260 px wide.

func page(t *testing.T, msgs ...string) []byte {
	return htmlOf(t, docOf(t, msgs...), preview.Options{Offline: true})
}

func TestFlexRatiosHorizontal(t *testing.T) {
	body := `{"type":"box","layout":"horizontal","paddingAll":"0px","contents":[` +
		text("A", `"flex":2`) + `,` + text("B", `"flex":3`) + `]}`
	mixed := `{"type":"box","layout":"horizontal","paddingAll":"0px","contents":[` +
		text("Fixed", `"flex":0`) + `,` + text("A", `"flex":2`) + `,` + text("B", `"flex":3`) + `]}`
	r := rects(t, page(t, flexBody(body), flexBody(mixed)), at(""), at(".contents[0]"), at(".contents[1]"),
		`[data-path="messages[1].contents.body.contents[0]"]`, `[data-path="messages[1].contents.body.contents[1]"]`,
		`[data-path="messages[1].contents.body.contents[2]"]`)
	near(t, "body box width", r[0].W, 300)
	near(t, "flex 2 of 2:3", r[1].W, 120)
	near(t, "flex 3 of 2:3", r[2].W, 180)
	if r[3].W < 20 {
		t.Errorf("flex 0 text is %.2f px wide: it should keep its content's width", r[3].W)
	}
	rest := 300 - r[3].W
	near(t, "flex 2 beside flex 0", r[4].W, rest*2/5)
	near(t, "flex 3 beside flex 0", r[5].W, rest*3/5)
	near(t, "flex 0 then flex 2", r[4].X, r[3].right())
}

func TestFlexHeightsVertical(t *testing.T) {
	body := `{"type":"box","layout":"vertical","height":"300px","paddingAll":"0px","contents":[` +
		text("A", `"flex":2`) + `,` + text("B", `"flex":3`) + `,` + text("C") + `]}`
	r := rects(t, page(t, flexBody(body)), at(""), at(".contents[0]"), at(".contents[1]"), at(".contents[2]"))
	line := r[3].H // flex 0 (the default in a vertical box): one line
	near(t, "one line of md text", line, 16*1.4)
	near(t, "box height", r[0].H, 300)
	free := 300 - 3*line
	near(t, "flex 2 height", r[1].H, line+free*2/5)
	near(t, "flex 3 height", r[2].H, line+free*3/5)
}

func TestSpacingAndMargin(t *testing.T) {
	body := `{"type":"box","layout":"vertical","spacing":"md","contents":[` +
		text("A", `"margin":"lg"`) + `,` + text("B") + `,` + text("C", `"margin":"xxl"`) + `,` + text("D") + `]}`
	horiz := `{"type":"box","layout":"horizontal","spacing":"md","paddingAll":"0px","contents":[` +
		text("A", `"flex":0`) + `,` + text("B", `"flex":0`) + `,` + text("C", `"flex":0`, `"margin":"xxl"`) + `]}`
	r := rects(t, page(t, flexBody(body), flexBody(horiz)), at(""), at(".contents[0]"), at(".contents[1]"),
		at(".contents[2]"), at(".contents[3]"),
		`[data-path="messages[1].contents.body.contents[0]"]`, `[data-path="messages[1].contents.body.contents[1]"]`,
		`[data-path="messages[1].contents.body.contents[2]"]`)
	near(t, "margin lg of the first child", r[1].Y-r[0].Y, 19+12)
	near(t, "spacing md", r[2].Y-r[1].bottom(), 8)
	near(t, "margin xxl replacing spacing", r[3].Y-r[2].bottom(), 20)
	near(t, "spacing md after it", r[4].Y-r[3].bottom(), 8)
	near(t, "horizontal spacing md", r[6].X-r[5].right(), 8)
	near(t, "horizontal margin xxl", r[7].X-r[6].right(), 20)
}

func TestBubbleWidths(t *testing.T) {
	want := map[string]float64{"nano": 120, "micro": 160, "deca": 220, "hecto": 241, "kilo": 260, "mega": 300}
	sizes := []string{"nano", "micro", "deca", "hecto", "kilo", "mega", "giga"}
	var msgs, sels []string
	for i, s := range sizes {
		msgs = append(msgs, `{"type":"flex","altText":"x","contents":{"type":"bubble","size":"`+s+`","body":{"type":"box","layout":"vertical","contents":[`+text("x")+`]}}}`)
		sels = append(sels, `[data-path="messages[`+string(rune('0'+i))+`].contents"]`)
	}
	msgs = append(msgs, `{"type":"flex","altText":"x","contents":{"type":"carousel","contents":[`+
		`{"type":"bubble","size":"giga","body":{"type":"box","layout":"vertical","contents":[`+text("a")+`]}},`+
		`{"type":"bubble","size":"giga","body":{"type":"box","layout":"vertical","contents":[`+text("b")+`]}}]}}`)
	sels = append(sels, `[data-path="messages[7].contents.contents[0]"]`, `.phone`)
	r := rects(t, page(t, msgs...), sels...)
	for i, s := range sizes[:6] {
		near(t, s+" bubble width", r[i].W, want[s])
	}
	if r[6].W > r[8].W || r[6].W < 300 {
		t.Errorf("giga bubble is %.2f px wide: want at least mega's 300 and at most the screen's %.2f", r[6].W, r[8].W)
	}
	near(t, "giga bubble in a carousel (80% of the screen)", r[7].W, r[8].W*0.8)
}

func TestPadding(t *testing.T) {
	body := `{"type":"box","layout":"vertical","paddingAll":"0px","contents":[` +
		`{"type":"box","layout":"vertical","paddingAll":"lg","contents":[` + text("A") + `]},` +
		`{"type":"box","layout":"vertical","paddingAll":"xs","paddingStart":"10%","paddingTop":"15px","contents":[` + text("B") + `]}]}`
	r := rects(t, page(t, flexBody(body)), at(".contents[0]"), at(".contents[0].contents[0]"),
		at(".contents[1]"), at(".contents[1].contents[0]"))
	near(t, "paddingAll lg, left", r[1].X-r[0].X, 12)
	near(t, "paddingAll lg, top", r[1].Y-r[0].Y, 12)
	near(t, "paddingAll lg, right", r[0].right()-r[1].right(), 12)
	near(t, "paddingStart 10% of the parent's width", r[3].X-r[2].X, 30)
	near(t, "paddingTop 15px", r[3].Y-r[2].Y, 15)
	near(t, "paddingEnd from paddingAll xs", r[2].right()-r[3].right(), 2)
}

func TestOffsets(t *testing.T) {
	body := `{"type":"box","layout":"vertical","paddingAll":"0px","height":"200px","contents":[` +
		text("A") + `,` + text("B", `"offsetTop":"10px"`, `"offsetStart":"20px"`) + `,` +
		text("C", `"position":"absolute"`, `"offsetTop":"30px"`, `"offsetStart":"40px"`) + `,` +
		text("D", `"position":"absolute"`, `"offsetBottom":"25%"`, `"offsetEnd":"md"`) + `]}`
	rtl := `{"type":"flex","altText":"x","contents":{"type":"bubble","direction":"rtl","body":` +
		`{"type":"box","layout":"vertical","paddingAll":"0px","height":"100px","contents":[` +
		text("E", `"position":"absolute"`, `"offsetTop":"0px"`, `"offsetStart":"40px"`) + `]}}}`
	r := rects(t, page(t, flexBody(body), rtl), at(""), at(".contents[0]"), at(".contents[1]"), at(".contents[2]"),
		at(".contents[3]"), `[data-path="messages[1].contents.body"]`, `[data-path="messages[1].contents.body.contents[0]"]`)
	near(t, "relative offsetTop", r[2].Y-r[1].bottom(), 10)
	near(t, "relative offsetStart", r[2].X-r[1].X, 20)
	near(t, "absolute offsetTop", r[3].Y-r[0].Y, 30)
	near(t, "absolute offsetStart", r[3].X-r[0].X, 40)
	near(t, "absolute offsetBottom 25%", r[0].bottom()-r[4].bottom(), 50)
	near(t, "absolute offsetEnd md", r[0].right()-r[4].right(), 8)
	near(t, "rtl: offsetStart from the right", r[5].right()-r[6].right(), 40)
	if r[0].H < 199 || r[0].H > 201 {
		t.Errorf("absolute children changed the box's height to %.2f", r[0].H)
	}
}

func TestTextLines(t *testing.T) {
	body := `{"type":"box","layout":"vertical","contents":[` +
		text("1\n2\n3\n4\n5", `"wrap":true`) + `,` + text("1\n2\n3\n4\n5") + `,` +
		text("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen", `"wrap":true`, `"maxLines":2`) + `,` +
		text("1\n2\n3", `"wrap":true`, `"lineSpacing":"10px"`) + `]}`
	r := rects(t, page(t, flexBody(body)), at(".contents[0]"), at(".contents[1]"), at(".contents[2]"), at(".contents[3]"))
	line := 16 * 1.4
	near(t, "five lines from \\n with wrap", r[0].H, 5*line)
	near(t, "one line without wrap", r[1].H, line)
	near(t, "maxLines 2", r[2].H, 2*line)
	near(t, "lineSpacing 10px between three lines only", r[3].H, 3*line+2*10)
	var cut struct {
		Clipped  bool
		Ellipsis string
		Clamp    string
	}
	open(t, page(t, flexBody(body)), `(() => { const e = document.querySelector('#send-1 `+at(".contents[2]")+` > .ftext');
		const s = getComputedStyle(e); return {Clipped: e.scrollHeight > e.clientHeight + 1, Clamp: s.webkitLineClamp,
		Ellipsis: getComputedStyle(document.querySelector('#send-1 `+at(".contents[1]")+` > .ftext')).textOverflow}; })()`, &cut)
	if !cut.Clipped || cut.Clamp != "2" {
		t.Errorf("maxLines 2: clipped %v, line clamp %q; want a text cut at two lines", cut.Clipped, cut.Clamp)
	}
	if cut.Ellipsis != "ellipsis" {
		t.Errorf("unwrapped text ends in %q, want an ellipsis", cut.Ellipsis)
	}
}

func TestButtonHeights(t *testing.T) {
	body := `{"type":"box","layout":"vertical","contents":[` +
		`{"type":"button","action":{"type":"uri","label":"Open","uri":"https://example.com/"}},` +
		`{"type":"button","height":"sm","style":"primary","action":{"type":"message","label":"Say","text":"hi"}}]}`
	r := rects(t, page(t, flexBody(body)), at(".contents[0]"), at(".contents[1]"))
	near(t, "md button", r[0].H, 52)
	near(t, "sm button", r[1].H, 40)
	near(t, "button width", r[0].W, 260)
}

func TestImageAreas(t *testing.T) {
	body := `{"type":"box","layout":"vertical","contents":[` +
		`{"type":"image","url":"https://example.com/a.png","size":"xl","aspectRatio":"2:1"},` +
		`{"type":"image","url":"https://example.com/b.png","size":"full","aspectRatio":"20:13","aspectMode":"cover"},` +
		`{"type":"image","url":"https://example.com/c.png"},` +
		`{"type":"box","layout":"horizontal","contents":[` + text("left") + `,` +
		`{"type":"image","url":"https://example.com/d.png","size":"5xl","aspectRatio":"1:2"}]}]}`
	r := rects(t, page(t, flexBody(body)), at(".contents[0]")+" .area", at(".contents[1]")+" .area", at(".contents[2]")+" .area",
		at(".contents[3].contents[1]")+" .area", at(".contents[3].contents[1]"))
	near(t, "xl 2:1 width", r[0].W, 140)
	near(t, "xl 2:1 height", r[0].H, 70)
	near(t, "full 20:13 width", r[1].W, 260)
	near(t, "full 20:13 height", r[1].H, 260*13/20.0)
	near(t, "default md 1:1 width", r[2].W, 100)
	near(t, "default md 1:1 height", r[2].H, 100)
	near(t, "image centred by default", r[2].X-r[1].X, 80)
	near(t, "5xl shrunk to the space flex gives it", r[3].W, 130)
	near(t, "its height keeps 1:2", r[3].H, 260)
	var modes []string
	s := serve(t)
	s.page = htmlOf(t, docOf(t, flexBody(strings.ReplaceAll(body, "https://example.com", s.URL))), preview.Options{})
	s.eval(t, `[...document.querySelectorAll('#send-1 .area > .img')].map(e => getComputedStyle(e).backgroundSize)`, &modes)
	want := []string{"contain", "cover", "contain", "contain"}
	if len(modes) != 4 {
		t.Fatalf("image layers: %v", modes)
	}
	for i := range want {
		if modes[i] != want[i] {
			t.Errorf("image %d drawn with background-size %s, want %s", i, modes[i], want[i])
		}
	}
}
