package gbt9704

import (
	"bytes"
	"math"
	"testing"
	"time"

	"chainjudge/reports/pdftext"
)

func renderBytes(t *testing.T, pages []*Page) []byte {
	t.Helper()
	var buf bytes.Buffer
	meta := Meta{Title: "测试文档", Author: "测试", Created: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
	if err := Render(&buf, pages, meta); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

func TestRender_ReadsBackTextPositionsAndPageSizes(t *testing.T) {
	d := officialDoc(t)
	d.Header(Span{Text: "江苏省制造强省建设领导小组办公室文件"}, d.Body("苏制强办〔2026〕12号", "Number"))
	d.BodyPara(d.Body("正文第一段，含数字2026与标点“引号”。", ""))
	portrait, err := d.Pages(true)
	if err != nil {
		t.Fatal(err)
	}
	l := New(mustFonts(t), A4Landscape, Form)
	l.Para(Para{Spans: []Span{l.Body("横排表格页", "")}})
	landscape, err := l.Pages(true)
	if err != nil {
		t.Fatal(err)
	}
	data := renderBytes(t, append(portrait, landscape...))
	doc, err := pdftext.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 2 {
		t.Fatalf("%d pages; want 2", len(doc.Pages))
	}
	sizes := [][2]float64{{210, 297}, {297, 210}}
	for i, p := range doc.Pages {
		if math.Abs(p.Width-sizes[i][0]) > 0.01 || math.Abs(p.Height-sizes[i][1]) > 0.01 {
			t.Errorf("page %d is %.2f × %.2f mm; want %v", i+1, p.Width, p.Height, sizes[i])
		}
	}
	// Every laid-out run comes back with its text, position and size.
	want := append(portrait[0].Texts, landscape[0].Texts...)
	got := append(doc.Pages[0].Runs, doc.Pages[1].Runs...)
	if len(got) != len(want) {
		t.Fatalf("%d runs read back; want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Text != w.Text || math.Abs(g.X-w.X) > 0.01 || math.Abs(g.Y-w.Y) > 0.01 || g.Size != w.Size ||
			math.Abs(g.Spacing-w.Spacing) > 1e-3 || math.Abs(g.Scale-w.Scale) > 0.01 {
			t.Errorf("run %d = %+v; want %q at (%.2f, %.2f) size %v Tc %.4f Tz %.2f", i, g, w.Text, w.X, w.Y, w.Size, w.Spacing, w.Scale)
		}
	}
	if red := doc.Pages[0].Runs[0]; red.Color != [3]float64{0.902, 0, 0.071} {
		t.Errorf("mark colour %v; want the print red", red.Color)
	}
}

func TestRender_Deterministic(t *testing.T) {
	build := func() []byte {
		d := officialDoc(t)
		d.Title(Span{Text: "关于公布2026年度江苏省区域卓越产业链名单的通知"})
		d.BodyPara(d.Body("正文。", ""), Span{Text: "楷体", Font: d.Fonts.Kai, Size: Size3})
		pages, err := d.Pages(true)
		if err != nil {
			t.Fatal(err)
		}
		return renderBytes(t, pages)
	}
	a, b := build(), build()
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same pages differ; want identical bytes (fixed dates, sorted catalogue)")
	}
}

func TestRender_EmbedsOnlyUsedFonts(t *testing.T) {
	d := New(mustFonts(t), A4Portrait, Form)
	d.Para(Para{Spans: []Span{d.Body("只用正文字体", "")}})
	pages, err := d.Pages(false)
	if err != nil {
		t.Fatal(err)
	}
	data := renderBytes(t, pages)
	if n := bytes.Count(data, []byte("/FontFile2")); n != 1 {
		t.Errorf("%d embedded font files; want 1 (only the body font is used)", n)
	}
	if len(data) > 60_000 {
		t.Errorf("one-line PDF is %d bytes; want a small subset of the font, under 60 KB", len(data))
	}
}

func TestRender_NoPages(t *testing.T) {
	if err := Render(&bytes.Buffer{}, nil, Meta{}); err == nil {
		t.Error("Render(no pages) = nil; want an error")
	}
}
