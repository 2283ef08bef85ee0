package gbt9704

import (
	"math"
	"strings"
	"testing"

	"chainjudge/reports/fonts"
)

func mustFonts(t testing.TB) fonts.Set {
	t.Helper()
	s, err := fonts.Default()
	if err != nil {
		t.Fatalf("fonts.Default: %v", err)
	}
	return s
}

// glyphsOf measures text in the body font at 三号, one span per part.
func glyphsOf(t testing.TB, parts ...string) []glyph {
	set := mustFonts(t)
	var spans []Span
	for _, p := range parts {
		spans = append(spans, Span{Text: p, Font: set.Body, Size: Size3})
	}
	return Para{Spans: spans}.glyphs()
}

func lineTexts(gs []glyph, lines []lineRange) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = runesBetween(gs, l.start, l.end)
	}
	return out
}

// gridSpacing is the 三号 spacing that puts 28 characters on 156 mm.
var gridSpacing = GridCharPitch - PtToMM(Size3)

func TestBreakLines_Kinsoku(t *testing.T) {
	text := "为深入实施“产业强链”三年行动计划，根据《江苏省区域卓越产业链竞赛实施办法》（苏制强办〔2026〕3号），" +
		"经地方申报、形式审查、专家评审、实地考察、综合遴选和社会公示等程序，确定无锡市物联网产业链等50条产业链" +
		"为2026年度江苏省区域卓越产业链，现予以公布（名单见附件）。请各地认真组织实施：一是加强跟踪；二是强化协同！" +
		"《实施办法》第十二条规定的“动态调整”……应当于每年3月31日前完成。"
	gs := glyphsOf(t, text)
	for _, width := range []float64{156, 145.2, 101.3, 60.7} {
		lines := breakLines(gs, width, width, gridSpacing)
		if got := strings.Join(lineTexts(gs, lines), ""); got != text {
			t.Fatalf("width %v: lines lose text:\n got %q\nwant %q", width, got, text)
		}
		for i, l := range lineTexts(gs, lines) {
			first, last := []rune(l)[0], []rune(l)[len([]rune(l))-1]
			if strings.ContainsRune(noLineStart, first) {
				t.Errorf("width %v: line %d %q starts with %q", width, i+1, l, first)
			}
			if i < len(lines)-1 && strings.ContainsRune(noLineEnd, last) {
				t.Errorf("width %v: line %d %q ends with %q", width, i+1, l, last)
			}
			w := fitExtent(gs, lines[i].start, lines[i].end, gridSpacing)
			if w > width+squeezable(gs, unit{lines[i].start, lines[i].end})+epsilon {
				t.Errorf("width %v: line %d is %.2f mm wide", width, i+1, w)
			}
		}
	}
}

func TestBreakLines_GridHoldsTwentyEightCharacters(t *testing.T) {
	gs := glyphsOf(t, strings.Repeat("链", 60))
	lines := breakLines(gs, 156, 156, gridSpacing)
	got := []int{}
	for _, l := range lines {
		got = append(got, l.end-l.start)
	}
	if len(got) != 3 || got[0] != 28 || got[1] != 28 || got[2] != 4 {
		t.Errorf("60 hanzi on the grid break as %v; want [28 28 4]", got)
	}
}

// A line with half a character to spare takes a closing mark in (挤进: its
// blank right half may pass the margin); without the room, the last
// character goes down with the marks (推出).
func TestBreakLines_SqueezeOrPush(t *testing.T) {
	almost := strings.Repeat("产", 27) + "1"
	gs := glyphsOf(t, almost+"。下一行")
	lines := lineTexts(gs, breakLines(gs, 156, 156, gridSpacing))
	if lines[0] != almost+"。" {
		t.Errorf("first line = %q; want %q with the 。 squeezed in", lines[0], almost+"。")
	}
	gs = glyphsOf(t, almost+"。）下一行")
	lines = lineTexts(gs, breakLines(gs, 156, 156, gridSpacing))
	if lines[0] != strings.Repeat("产", 27) || !strings.HasPrefix(lines[1], "1。）") {
		t.Errorf("lines = %q; want the 1 pushed down with 。）", lines[:2])
	}
	full := strings.Repeat("产", 28)
	gs = glyphsOf(t, full+"。")
	lines = lineTexts(gs, breakLines(gs, 156, 156, gridSpacing))
	if lines[0] != strings.Repeat("产", 27) || lines[1] != "产。" {
		t.Errorf("lines = %q; want the 28th character pushed down with the 。", lines)
	}
}

func TestBreakLines_KeepsWordsAndCutsOverlongOnes(t *testing.T) {
	gs := glyphsOf(t, strings.Repeat("产", 26)+"ICC(2,1)值为0.82")
	lines := lineTexts(gs, breakLines(gs, 156, 156, gridSpacing))
	if !strings.HasPrefix(lines[1], "ICC(2,1)") {
		t.Errorf("lines = %q; want ICC(2,1) kept whole on the second line", lines)
	}
	hash := "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8"
	gs = glyphsOf(t, hash)
	cut := breakLines(gs, 50, 50, 0)
	if got := strings.Join(lineTexts(gs, cut), ""); got != hash || len(cut) < 2 {
		t.Fatalf("hash cut into %q; want several lines that join to the hash", lineTexts(gs, cut))
	}
	for _, l := range cut {
		if w := extent(gs, l.start, l.end, 0); w > 50+epsilon {
			t.Errorf("cut line is %.2f mm; want ≤ 50", w)
		}
	}
}

func TestBreakLines_KeepSpanWrapsBetweenNames(t *testing.T) {
	set := mustFonts(t)
	var spans []Span
	for _, name := range []string{"苏州市吴中区、", "苏州市相城区、", "昆山市、", "太仓市"} {
		spans = append(spans, Span{Text: name, Font: set.Body, Size: SizeSmall4, Keep: true})
	}
	p := Para{Spans: spans}
	gs := p.glyphs()
	lines := lineTexts(gs, breakLines(gs, 40, 40, 0))
	want := []string{"苏州市吴中区、", "苏州市相城区、", "昆山市、太仓市"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("lines = %q; want %q", lines, want)
	}
}

func TestBalanceLines_Titles(t *testing.T) {
	cases := []struct {
		parts []string
		want  []string
	}{
		{[]string{"关于公布", "2026年度江苏省区域卓越产业链", "评选结果的通知"},
			[]string{"关于公布2026年度江苏省区域卓越产业链", "评选结果的通知"}},
		{[]string{"关于公布", "2026年度江苏省区域卓越产业链竞赛", "结果的通知"},
			[]string{"关于公布2026年度江苏省区域卓越产业链", "竞赛结果的通知"}},
		{[]string{"关于", "2026年度江苏省区域卓越产业链", "拟入选名单的公示"},
			[]string{"关于2026年度江苏省区域卓越产业链", "拟入选名单的公示"}},
		{[]string{"2026年度江苏省区域卓越产业链名单"}, []string{"2026年度江苏省区域卓越产业链名单"}},
	}
	set := mustFonts(t)
	for _, c := range cases {
		var spans []Span
		for _, p := range c.parts {
			spans = append(spans, Span{Text: p, Font: set.Title, Size: Size2})
		}
		gs := Para{Spans: spans}.glyphs()
		got := lineTexts(gs, balanceLines(gs, 156, 0))
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("balanceLines(%q) = %q; want %q", c.parts, got, c.want)
		}
	}
}

// Every line of a justified paragraph but the last ends exactly at the
// right indent.
func TestPara_JustifiedLinesEndAtTheMargin(t *testing.T) {
	set := mustFonts(t)
	text := "经地方申报、形式审查、专家评审（含ICC(2,1)一致性检验）、实地考察、综合遴选和社会公示等程序，" +
		"确定无锡市物联网产业链等50条产业链为2026年度江苏省区域卓越产业链，现予以公布。各设区市要加强跟踪服务。"
	p := Para{Spans: []Span{{Text: text, Font: set.Body, Size: Size3}}, FirstIndent: 2 * GridCharPitch,
		Spacing: MMToPt(gridSpacing)}
	lines := p.layout(156)
	if len(lines) < 3 {
		t.Fatalf("%d lines; want at least 3", len(lines))
	}
	for i, l := range lines {
		if i < len(lines)-1 && math.Abs(l.end-156) > 1e-6 {
			t.Errorf("line %d ends at %.4f mm; want 156", i+1, l.end)
		}
	}
	if last := lines[len(lines)-1]; last.end > 156 || math.Abs(last.spacing-MMToPt(gridSpacing)) > 1e-9 {
		t.Errorf("last line ends at %.2f with spacing %.3f pt; want left-aligned on the grid", last.end, last.spacing)
	}
	if lines[0].runs[0].x != 2*GridCharPitch {
		t.Errorf("first line starts at %.2f; want the two-character indent %.2f", lines[0].runs[0].x, 2*GridCharPitch)
	}
}
