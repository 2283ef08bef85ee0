package gbt9704

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"chainjudge/reports/fonts"
)

const tol = 1e-6

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

// findText returns the first text item on the page containing s.
func findText(t *testing.T, p *Page, s string) TextItem {
	t.Helper()
	for _, it := range p.Texts {
		if strings.Contains(it.Text, s) {
			return it
		}
	}
	t.Fatalf("no text %q on the page; page has:\n%s", s, p.Text())
	return TextItem{}
}

func officialDoc(t *testing.T) *Doc {
	t.Helper()
	return New(mustFonts(t), A4Portrait, Official)
}

func TestHeader_PositionsFollowTheStandard(t *testing.T) {
	d := officialDoc(t)
	d.Header(Span{Text: "江苏省制造强省建设领导小组办公室文件"}, d.Body("苏制强办〔2026〕12号", ""))
	d.Title(Span{Text: "关于公布2026年度江苏省区域卓越产业链名单的通知"})
	p := d.Page()
	if d.Err() != nil {
		t.Fatal(d.Err())
	}
	mark := findText(t, p, "文件")
	size := PtToMM(mark.Size)
	if top := mark.Y - 0.88*size; !near(top, 72, tol) {
		t.Errorf("mark top edge at %.3f mm; want 72 (35 mm below the type area)", top)
	}
	width := d.Fonts.Title.Width(mark.Text, size) * mark.Scale / 100
	if width > 156+tol || !near(mark.X+width/2, 106, tol) {
		t.Errorf("mark spans %.2f–%.2f mm; want centred on 106 within the 156 mm type area", mark.X, mark.X+width)
	}
	if mark.Color != Red || mark.Font != d.Fonts.Title {
		t.Errorf("mark colour %v font %s; want red 小标宋 role", mark.Color, mark.Font.Name())
	}
	number := findText(t, p, "〔2026〕")
	numberLine := math.Round((number.Y-baseline(37, GridPitch, Size3))/GridPitch*1e6) / 1e6
	if numberLine != math.Trunc(numberLine) {
		t.Errorf("发文字号 baseline %.3f is not on the grid", number.Y)
	}
	markBottom := mark.Y + 0.12*size
	numberTop := baseline(37+numberLine*GridPitch, GridPitch, Size3) - GridPitch/2 - emCentre*PtToMM(Size3)
	if gap := (numberTop - markBottom) / GridPitch; gap < 2 || gap >= 3 {
		t.Errorf("发文字号 line starts %.2f lines below the mark; want two blank lines", gap)
	}
	if len(p.Lines) != 1 {
		t.Fatalf("%d rules on page 1; want the red rule only", len(p.Lines))
	}
	rule := p.Lines[0]
	numberBottom := number.Y + 0.12*PtToMM(Size3)
	if !near(rule.Y1-numberBottom, 4, tol) || rule.X1 != 28 || rule.X2 != 184 || rule.Color != Red {
		t.Errorf("red rule %+v; want 4 mm below the number (%.2f), 28–184 mm, red", rule, numberBottom+4)
	}
	title := findText(t, p, "关于公布")
	titleTop := title.Y - GridPitch/2 - emCentre*PtToMM(Size2)
	if gap := (titleTop - rule.Y1) / GridPitch; gap < 2 || gap >= 3 {
		t.Errorf("title line starts %.2f lines below the rule; want two blank lines", gap)
	}
}

func TestBodyText_SitsOnTheGrid(t *testing.T) {
	d := officialDoc(t)
	text := strings.Repeat("各设区市要加强对入选产业链的跟踪服务，协调解决发展中遇到的困难和问题。", 20)
	d.BodyPara(d.Body(text, "Body"))
	pages, err := d.Pages(true)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 {
		t.Fatalf("%d pages; want 2", len(pages))
	}
	lines := 0
	for _, it := range pages[0].Texts {
		if it.Size != Size3 {
			continue
		}
		want := baseline(37+float64(lines)*GridPitch, GridPitch, Size3)
		if !near(it.Y, want, tol) {
			t.Errorf("line %d baseline %.3f; want %.3f", lines+1, it.Y, want)
		}
		lines++
	}
	if lines != GridLines {
		t.Errorf("page 1 holds %d lines; want %d", lines, GridLines)
	}
	// A full line holds 28 characters; the first is indented two.
	if n := len([]rune(pages[0].Texts[1].Text)); n != GridChars {
		t.Errorf("second line has %d characters; want %d", n, GridChars)
	}
	if n := len([]rune(pages[0].Texts[0].Text)); n != GridChars-2 || !near(pages[0].Texts[0].X, 28+2*GridCharPitch, tol) {
		t.Errorf("first line has %d characters at x %.2f; want 26 indented two characters", n, pages[0].Texts[0].X)
	}
}

func TestPages_NumbersOddRightEvenLeft(t *testing.T) {
	d := officialDoc(t)
	for i := 0; i < 3; i++ {
		d.BodyPara(d.Body("正文", ""))
		d.NewPage()
	}
	pages, err := d.Pages(true)
	if err != nil {
		t.Fatal(err)
	}
	one := PtToMM(PageNumberSize)
	for i, p := range pages {
		n := i + 1
		num := findText(t, p, fmt.Sprintf("— %d —", n))
		w := d.Fonts.Body.Width(num.Text, one)
		if n%2 == 1 && !near(num.X+w, 184-one, tol) {
			t.Errorf("page %d number ends at %.2f; want 右空一字 at %.2f", n, num.X+w, 184-one)
		}
		if n%2 == 0 && !near(num.X, 28+one, tol) {
			t.Errorf("page %d number starts at %.2f; want 左空一字 at %.2f", n, num.X, 28+one)
		}
		if num.Size != Size4 || num.Y < 262+7 || num.Y > 262+7+one {
			t.Errorf("page %d number at y %.2f size %v; want 4号 with its dash 7 mm below the type area", n, num.Y, num.Size)
		}
		if p.Number != n {
			t.Errorf("page %d Number = %d", n, p.Number)
		}
	}
}

// The 版记 always ends on an even page, at the bottom of the type area.
func TestColophon_LastEvenPage(t *testing.T) {
	cases := []struct {
		name           string
		contentPages   int
		fillLastPage   bool
		wantPages      int
		wantUnnumbered []int
	}{
		{"ends on even page with room", 2, false, 2, nil},
		{"ends on odd page", 3, false, 4, nil},
		{"ends on full even page", 2, true, 4, []int{3, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := officialDoc(t)
			for i := 1; i < c.contentPages; i++ {
				d.BodyPara(d.Body("正文", ""))
				d.NewPage()
			}
			d.BodyPara(d.Body("最后一页", ""))
			if c.fillLastPage {
				d.SetY(262 - GridPitch)
				d.BodyPara(d.Body("末行", ""))
			}
			d.Colophon(Colophon{CopyTo: d.Body("省委办公厅，省政府办公厅", "CopyTo"),
				Printer: d.Body("江苏省制造强省建设领导小组办公室", ""), PrintDate: d.Body("2026年11月23日印发", "")})
			pages, err := d.Pages(true)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != c.wantPages {
				t.Fatalf("%d pages; want %d", len(pages), c.wantPages)
			}
			last := pages[len(pages)-1]
			findText(t, last, "抄送：")
			findText(t, last, "印发")
			bottom := last.Lines[len(last.Lines)-1]
			if !near(bottom.Y1, 262, tol) || !near(bottom.Width, 0.35, tol) || !near(last.Lines[0].Width, 0.35, tol) {
				t.Errorf("版记 rules %+v; want thick first and last, the last on the type area's bottom edge", last.Lines)
			}
			for _, n := range c.wantUnnumbered {
				if pages[n-1].Number != 0 {
					t.Errorf("page %d numbered %d; want no number (blank page before the 版记)", n, pages[n-1].Number)
				}
			}
			if c.wantUnnumbered == nil && last.Number != len(pages) {
				t.Errorf("版记 page Number = %d; want %d", last.Number, len(pages))
			}
		})
	}
}

func TestTable_HeaderRepeatsAndLongRowsSplit(t *testing.T) {
	d := officialDoc(t)
	set := d.Fonts
	cell := func(s string) Cell { return Cell{Spans: []Span{{Text: s, Font: set.Body, Size: SizeSmall4}}} }
	var rows [][]Cell
	for i := 0; i < 60; i++ {
		rows = append(rows, []Cell{cell(fmt.Sprint(i + 1)), cell("无锡市物联网产业链")})
	}
	rows = append(rows, []Cell{cell("61"), cell(strings.Repeat("很长的评语，", 200))})
	d.Table(Table{Columns: []Column{{Head: []Span{{Text: "序号"}}, Width: 20}, {Head: []Span{{Text: "产业链"}}}}, Rows: rows})
	pages, err := d.Pages(false)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 4 {
		t.Fatalf("%d pages; want the table and its long last row over at least 4", len(pages))
	}
	for i, p := range pages {
		head := findText(t, p, "序号")
		if head.Font != set.Hei || !near(head.Y, pages[0].Texts[0].Y, tol) {
			t.Errorf("page %d: heading at %.2f in %s; want the 黑体 heading row at the top", i+1, head.Y, head.Font.Name())
		}
		for _, it := range p.Texts {
			if it.Y > 262+tol {
				t.Errorf("page %d: %q below the type area at %.2f", i+1, it.Text, it.Y)
			}
		}
	}
	joined := ""
	for _, p := range pages {
		for _, it := range p.Texts {
			if strings.Contains(it.Text, "评语") {
				joined += it.Text
			}
		}
	}
	if joined != strings.Repeat("很长的评语，", 200) {
		t.Errorf("the split row lost text: %d of %d characters", len([]rune(joined)), 1200)
	}
}

func TestMissingGlyph_NamesTheField(t *testing.T) {
	d := officialDoc(t)
	d.BodyPara(d.Body("名单：", ""), d.Body("南京市\U00020000产业链", "Winners[3].Chain"))
	d.BodyPara(d.Body("此后的内容不再排版", ""))
	_, err := d.Pages(true)
	var mg *fonts.MissingGlyphError
	if !errors.As(err, &mg) || mg.Field != "Winners[3].Chain" || mg.Char != '\U00020000' {
		t.Fatalf("Pages() error = %v; want a missing glyph in Winners[3].Chain", err)
	}
	d = officialDoc(t)
	d.Title(Span{Text: "关于赵堃的通知", Field: "Title"})
	if !errors.As(d.Err(), &mg) || mg.Field != "Title" || mg.Char != '堃' {
		t.Errorf("title with a GBK-only character: error %v; want it named (the title font is GB2312)", d.Err())
	}
}

func TestSign_SealCoversSignerAndDate(t *testing.T) {
	d := officialDoc(t)
	d.BodyPara(d.Body("正文。", ""))
	box := d.Sign(Signature{Signer: d.Body("江苏省制造强省建设领导小组办公室", ""), Date: d.Body("2026年11月23日", ""),
		Sealed: true, SealGuide: true, Note: d.Body("（此件公开发布）", "")})
	p := d.Page()
	signer, date, note := findText(t, p, "办公室"), findText(t, p, "2026年"), findText(t, p, "此件")
	bodyEnd := 37 + GridPitch
	if sealTop := box.Y - box.R; sealTop < bodyEnd || sealTop > bodyEnd+GridPitch {
		t.Errorf("seal top %.2f; want within one line below the body (%.2f)", sealTop, bodyEnd)
	}
	for _, it := range []TextItem{signer, date} {
		if top := it.Y - 0.88*PtToMM(it.Size); top < box.Y {
			t.Errorf("%q top %.2f is above the seal centre %.2f", it.Text, top, box.Y)
		}
	}
	signerW := d.spanWidth(d.Body(signer.Text, ""))
	if !near(signer.X+signerW, 184-4*GridCharPitch, 1e-3) {
		t.Errorf("signer ends at %.2f; want 右空四字 at %.2f", signer.X+signerW, 184-4*GridCharPitch)
	}
	if c := signer.X + signerW/2; !near(c, box.X, 1e-3) || !near(date.X+d.spanWidth(d.Body(date.Text, ""))/2, c, 1e-3) {
		t.Errorf("signer, date and seal not centred on one another: signer centre %.2f, seal %.2f", c, box.X)
	}
	if !near(note.X, 28+2*GridCharPitch, tol) || note.Y <= date.Y {
		t.Errorf("附注 at (%.2f, %.2f); want 左空二字 below the date", note.X, note.Y)
	}
	if len(p.Circles) != 1 {
		t.Errorf("%d seal guides; want 1", len(p.Circles))
	}
}

func TestSign_UnsealedLayout(t *testing.T) {
	d := officialDoc(t)
	d.BodyPara(d.Body("正文。", ""))
	d.Sign(Signature{Signer: d.Body("江苏省制造强省建设领导小组办公室", ""), Date: d.Body("2026年11月23日", "")})
	p := d.Page()
	signer, date := findText(t, p, "办公室"), findText(t, p, "2026年")
	signerEnd := signer.X + d.spanWidth(d.Body(signer.Text, ""))
	if !near(signerEnd, 184-2*GridCharPitch, 1e-3) {
		t.Errorf("signer ends at %.2f; want 右空二字 at %.2f", signerEnd, 184-2*GridCharPitch)
	}
	if !near(date.X, signer.X+2*GridCharPitch, 1e-3) {
		t.Errorf("date starts at %.2f; want two characters right of the signer (%.2f)", date.X, signer.X+2*GridCharPitch)
	}
	if want := baseline(37+2*GridPitch, GridPitch, Size3); !near(signer.Y, want, tol) {
		t.Errorf("signer baseline %.2f; want one blank line below the body (%.2f)", signer.Y, want)
	}
	if len(p.Circles) != 0 {
		t.Error("unsealed signature drew a seal guide")
	}
}

// When the 附件说明 and the seal block do not fit under the body, both move
// to the next page together; the seal never stands alone.
func TestKeepWithSignature_MovesNoteAndSeal(t *testing.T) {
	d := officialDoc(t)
	d.SetY(262 - 4*GridPitch)
	d.BodyPara(d.Body("正文最后一段。", ""))
	sig := Signature{Signer: d.Body("江苏省制造强省建设领导小组办公室", ""), Date: d.Body("2026年11月23日", ""), Sealed: true}
	note := d.Body("2026年度江苏省区域卓越产业链名单", "")
	d.KeepWithSignature(d.AttachmentNoteLines(note), sig)
	d.AttachmentNote(note)
	box := d.Sign(sig)
	pages, err := d.Pages(true)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || box.Page != 2 {
		t.Fatalf("%d pages, seal on page %d; want the note and seal together on page 2", len(pages), box.Page)
	}
	if n := findText(t, pages[1], "附件："); !near(n.Y, baseline(37, GridPitch, Size3), tol) {
		t.Errorf("附件说明 at %.2f on page 2; want it on the first line", n.Y)
	}
	findText(t, pages[1], "2026年11月23日")
	findText(t, pages[0], "正文最后一段")
}
