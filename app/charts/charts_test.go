package charts

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// element is one element of a rendered chart.
type element struct {
	Name   string
	Attr   map[string]string
	Text   string // direct character data
	Title  string // the text of a <title> child, if any
	Parent *element
}

// inLegend says whether the element is part of a chart's legend.
func inLegend(e *element) bool {
	for p := e.Parent; p != nil; p = p.Parent {
		if hasClass(p, "legend") {
			return true
		}
	}
	return false
}

// plotted leaves out the legend's elements.
func plotted(els []*element) []*element {
	var out []*element
	for _, e := range els {
		if !inLegend(e) {
			out = append(out, e)
		}
	}
	return out
}

// legendOf keeps the legend's elements only.
func legendOf(els []*element) []*element {
	var out []*element
	for _, e := range els {
		if inLegend(e) {
			out = append(out, e)
		}
	}
	return out
}

// parse reads a chart as XML (so it must be well-formed) and lists its
// elements in document order.
func parse(t *testing.T, svg template.HTML) []*element {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(svg)))
	var out, stack []*element
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("chart is not well-formed XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{Name: tok.Name.Local, Attr: map[string]string{}}
			if len(stack) > 0 {
				e.Parent = stack[len(stack)-1]
			}
			for _, a := range tok.Attr {
				e.Attr[a.Name.Local] = a.Value
			}
			out = append(out, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			top.Text += string(tok)
			if top.Name == "title" && len(stack) > 1 {
				stack[len(stack)-2].Title += string(tok)
			}
		}
	}
	return out
}

// checkCommon asserts what every chart must have: a labelled root, no
// style attributes, deterministic output.
func checkCommon(t *testing.T, render func() template.HTML) []*element {
	t.Helper()
	svg := render()
	if again := render(); again != svg {
		t.Fatal("two renderings of the same chart differ")
	}
	if strings.Contains(string(svg), "style=") || strings.Contains(string(svg), "<style") || strings.Contains(string(svg), "<script") {
		t.Fatalf("chart carries style or script: %s", svg)
	}
	els := parse(t, svg)
	root := els[0]
	if root.Name != "svg" || root.Attr["role"] != "img" || root.Attr["viewBox"] == "" {
		t.Fatalf("root = %s %v; want an svg with role=img and a viewBox", root.Name, root.Attr)
	}
	ids := map[string]string{}
	for _, e := range els {
		if id := e.Attr["id"]; id != "" {
			ids[id] = strings.TrimSpace(e.Text)
		}
	}
	for _, ref := range strings.Fields(root.Attr["aria-labelledby"]) {
		if ids[ref] == "" {
			t.Errorf("aria-labelledby names %q, which is missing or empty", ref)
		}
	}
	return els
}

func find(els []*element, name, class string) []*element {
	var out []*element
	for _, e := range els {
		if e.Name == name && (class == "" || hasClass(e, class)) {
			out = append(out, e)
		}
	}
	return out
}

func hasClass(e *element, class string) bool {
	for _, c := range strings.Fields(e.Attr["class"]) {
		if c == class {
			return true
		}
	}
	return false
}

func texts(els []*element) string {
	var b strings.Builder
	for _, e := range els {
		if e.Name == "text" || e.Name == "title" || e.Name == "desc" {
			b.WriteString(e.Text)
			b.WriteString("\n")
		}
	}
	return b.String()
}

func ptr(v float64) *float64 { return &v }

func TestStrip_MarksDroppedAndFlaggedScores(t *testing.T) {
	s := Strip{ID: "dist", Title: "评分分布", Unit: "分", Max: 60, ResultName: "专家评分", Rows: []StripRow{
		{Label: "D-2026-0001 江阴市集成电路产业链", Result: ptr(24), ResultText: "24.00", Marks: []Mark{
			{Judge: "J1", Value: 20, Dropped: true, End: "low"}, {Judge: "J2", Value: 22}, {Judge: "J3", Value: 24},
			{Judge: "J4", Value: 26}, {Judge: "J5", Value: 28, Dropped: true, End: "high"}}},
		{Label: "D-2026-0003 徐州市起重机产业链", Result: ptr(14), Marks: []Mark{
			{Judge: "J1", Value: 10, Dropped: true, End: "low"}, {Judge: "J2", Value: 12}, {Judge: "J3", Value: 14},
			{Judge: "J4", Value: 16}, {Judge: "J5", Value: 30, Dropped: true, End: "high", Flagged: true, Direction: "畸高"}}},
	}}
	all := checkCommon(t, s.SVG)
	els := plotted(all)
	if got := len(find(els, "circle", "")); got != 10 {
		t.Errorf("marks = %d; want 10", got)
	}
	dropped := find(els, "g", "dropped")
	if len(dropped) != 4 {
		t.Fatalf("dropped marks = %d; want 4", len(dropped))
	}
	if len(find(els, "line", "strike")) != 4 {
		t.Errorf("strike lines = %d; want 4, one through each dropped mark", len(find(els, "line", "strike")))
	}
	flagged := find(els, "g", "flagged")
	if len(flagged) != 1 || flagged[0].Title != "J5：30分（去掉的最高分，畸高）" {
		t.Errorf("flagged = %+v; want J5's 30 as 去掉的最高分 and 畸高", flagged)
	}
	if dropped[0].Title != "J1：20分（去掉的最低分）" {
		t.Errorf("first dropped mark's tooltip = %q", dropped[0].Title)
	}
	text := texts(all)
	for _, want := range []string{"D-2026-0001 江阴市集…", "D-2026-0001 江阴市集成电路产业链", "24.00", "专家评分：14分", "20", "40", "60", "去掉的分数", "畸高/畸低，已去掉"} {
		if !strings.Contains(text, want) {
			t.Errorf("chart text lacks %q:\n%s", want, text)
		}
	}
	// The marks sit where their values are: 0 at x0, 60 at x1.
	x0, x1 := stripLabelW+12, stripWidth-stripRight
	circles := find(els, "circle", "")
	if got, want := circles[0].Attr["cx"], num(x0+(x1-x0)*20/60); got != want {
		t.Errorf("J1's 20 at cx=%s; want %s", got, want)
	}
	results := find(els, "line", "result")
	if got, want := results[0].Attr["x1"], num(x0+(x1-x0)*24/60); got != want {
		t.Errorf("result tick at x=%s; want %s", got, want)
	}
}

// look is how a mark is drawn, wherever it is: its classes, its dot and
// the stroke through it relative to the dot's centre.
func look(els []*element, g *element) string {
	var dot, strike *element
	for _, e := range els {
		if e.Parent != g {
			continue
		}
		switch {
		case e.Name == "circle":
			dot = e
		case e.Name == "line" && hasClass(e, "strike"):
			strike = e
		}
	}
	if dot == nil {
		return "no dot"
	}
	a := dot.Attr
	out := fmt.Sprintf("%s: r=%s fill=%s stroke=%s width=%s", g.Attr["class"], a["r"], a["fill"], a["stroke"], a["stroke-width"])
	if strike != nil {
		at := func(k, c string) float64 {
			v, _ := strconv.ParseFloat(strike.Attr[k], 64)
			o, _ := strconv.ParseFloat(a[c], 64)
			return v - o
		}
		out += fmt.Sprintf(" strike %g,%g→%g,%g stroke=%s width=%s", at("x1", "cx"), at("y1", "cy"), at("x2", "cx"), at("y2", "cy"),
			strike.Attr["stroke"], strike.Attr["stroke-width"])
	}
	return out
}

// marksByLook lists the looks of the marks among els with how often each
// is drawn.
func marksByLook(all, els []*element) map[string]int {
	out := map[string]int{}
	for _, g := range find(els, "g", "mark") {
		out[look(all, g)]++
	}
	return out
}

// The legend shows each kind of mark the plot draws, drawn exactly as in
// the plot (a counted score, a dropped one, a flagged one, a flagged one
// that was dropped), and no kind the plot does not draw.
func TestStrip_LegendDrawsEachMarkKindAsThePlotDoes(t *testing.T) {
	every := Strip{ID: "k", Title: "评分", Max: 30, ResultName: "该项汇总得分", Rows: []StripRow{
		{Label: "P1 龙头企业带动", Result: ptr(26), Marks: []Mark{
			{Judge: "J1", Value: 26}, {Judge: "J2", Value: 27, Dropped: true, End: "high"},
			{Judge: "J3", Value: 8, Dropped: true, End: "low", Flagged: true, Direction: "畸低"}}},
		{Label: "P2 区域协作", Result: ptr(25), Marks: []Mark{
			{Judge: "J1", Value: 25}, {Judge: "J2", Value: 25}, {Judge: "J3", Value: 12, Flagged: true, Direction: "畸低"}}},
	}}
	onlyCounted := Strip{ID: "c", Title: "评分合计", Max: 100, Rows: []StripRow{
		{Label: "A", Marks: []Mark{{Judge: "J1", Value: 80}, {Judge: "J2", Value: 82}}}}}
	for _, c := range []struct {
		name   string
		s      Strip
		labels []string // the legend's words, in order
	}{
		{"every kind", every, []string{"计入的评分", "去掉的分数", "畸高/畸低", "畸高/畸低，已去掉", "该项汇总得分"}},
		{"counted scores only, no aggregate", onlyCounted, []string{"计入的评分"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			all := checkCommon(t, c.s.SVG)
			plot, legend := marksByLook(all, plotted(all)), marksByLook(all, legendOf(all))
			for l := range plot {
				if legend[l] != 1 {
					t.Errorf("the plot draws %q; the legend shows it %d times", l, legend[l])
				}
			}
			for l := range legend {
				if plot[l] == 0 {
					t.Errorf("the legend shows %q, which the plot does not draw", l)
				}
			}
			var words []string
			for _, e := range find(legendOf(all), "text", "legend-text") {
				words = append(words, e.Text)
			}
			if got, want := strings.Join(words, " | "), strings.Join(c.labels, " | "); got != want {
				t.Errorf("legend reads %q; want %q", got, want)
			}
			ticks := len(find(legendOf(all), "line", "result"))
			if want := len(find(plotted(all), "line", "result")) > 0; (ticks == 1) != want || ticks > 1 {
				t.Errorf("legend has %d aggregate ticks; the plot draws ticks: %v", ticks, want)
			}
			// The legend stays inside the chart.
			for _, e := range find(legendOf(all), "text", "legend-text") {
				x, _ := strconv.ParseFloat(e.Attr["x"], 64)
				if end := x + textWidth(e.Text, 12); x < 0 || end > stripWidth {
					t.Errorf("legend text %q spans %.0f–%.0f; the chart is %.0f wide", e.Text, x, end, stripWidth)
				}
			}
		})
	}
}

func TestStrip_EqualScoresDoNotOverlap(t *testing.T) {
	s := Strip{Max: 10, Rows: []StripRow{{Label: "A", Marks: []Mark{{Judge: "J1", Value: 8}, {Judge: "J2", Value: 8}, {Judge: "J3", Value: 8}}}}}
	circles := find(parse(t, s.SVG()), "circle", "")[:3]
	seen := map[string]bool{}
	for _, c := range circles {
		if seen[c.Attr["cx"]+","+c.Attr["cy"]] {
			t.Fatalf("two equal scores drawn on the same spot: %v", c.Attr)
		}
		seen[c.Attr["cx"]+","+c.Attr["cy"]] = true
	}
}

func TestStrip_FitNarrowsTheScaleToTheScores(t *testing.T) {
	s := Strip{ID: "fit", Title: "分布", Unit: "分", Max: 47, Fit: true, Rows: []StripRow{
		{Label: "A", Marks: []Mark{{Judge: "J1", Value: 31}, {Judge: "J2", Value: 33}}, Result: ptr(32)},
		{Label: "B", Marks: []Mark{{Judge: "J1", Value: 39}, {Judge: "J2", Value: 38.5}}, Result: ptr(38.75)},
	}}
	els := parse(t, s.SVG())
	var ticks []string
	for _, e := range find(els, "text", "tick") {
		ticks = append(ticks, e.Text)
	}
	// Values 31–39 (a range of 8, step 2, half a step of margin): the scale runs 30–40.
	if got, want := strings.Join(ticks, " "), "30 32 34 36 38 40 分"; got != want {
		t.Errorf("ticks = %q; want %q", got, want)
	}
	x0, x1 := stripLabelW+12, stripWidth-stripRight
	if got, want := find(els, "circle", "")[0].Attr["cx"], num(x0+(x1-x0)*(31-30)/10); got != want {
		t.Errorf("31 at cx=%s; want %s", got, want)
	}
	if desc := find(els, "desc", "")[0].Text; !strings.Contains(desc, "横轴从 30 到 40分") {
		t.Errorf("desc does not state the narrowed scale: %q", desc)
	}
}

func TestStrip_PerRowScales(t *testing.T) {
	s := Strip{ID: "c", Title: "各指标", Rows: []StripRow{
		{Label: "P1 龙头企业带动", Max: 30, Marks: []Mark{{Judge: "J1", Value: 30}}},
		{Label: "P2 区域协作", Max: 10, Marks: []Mark{{Judge: "J1", Value: 10}}},
	}}
	els := parse(t, s.SVG())
	circles := find(els, "circle", "")
	if circles[0].Attr["cx"] != circles[1].Attr["cx"] {
		t.Errorf("a full score sits at %s on a 30-point row and %s on a 10-point row; want the same end", circles[0].Attr["cx"], circles[1].Attr["cx"])
	}
	if all := texts(els); !strings.Contains(all, "满分 30") || !strings.Contains(all, "满分 10") {
		t.Errorf("rows do not state their maxima:\n%s", all)
	}
}

func TestStrip_EscapesLabelsAndIsEmptyWithoutRows(t *testing.T) {
	if got := (Strip{Title: "x"}).SVG(); got != "" {
		t.Errorf("empty strip = %q; want nothing", got)
	}
	s := Strip{ID: "x", Title: `评分 <b>&</b>`, Max: 10, Rows: []StripRow{{Label: `<script>alert(1)</script>`, Marks: []Mark{{Judge: `"J1"`, Value: 3}}}}}
	out := string(s.SVG())
	if strings.Contains(out, "<script>") || strings.Contains(out, "<b>") {
		t.Fatalf("labels not escaped: %s", out)
	}
	parse(t, s.SVG())
}

func TestDeviations(t *testing.T) {
	got := Deviations([]Score{
		{"D1", "J1", 80}, {"D1", "J2", 70}, {"D1", "J3", 60}, // mean 70: +10, 0, −10
		{"D2", "J1", 90}, {"D2", "J2", 84}, {"D2", "J3", 84}, // mean 86: +4, −2, −2
		{"D3", "J3", 99}, // alone: left out
	})
	want := []JudgeLeniency{{"J1", 7, 2}, {"J2", -1, 2}, {"J3", -6, 2}}
	if len(got) != len(want) {
		t.Fatalf("Deviations = %+v; want %+v", got, want)
	}
	for i := range want {
		if got[i].Judge != want[i].Judge || got[i].Count != want[i].Count || math.Abs(got[i].Mean-want[i].Mean) > 1e-9 {
			t.Errorf("judge %d = %+v; want %+v", i, got[i], want[i])
		}
	}
}

func TestLeniency_BarsGoBothWays(t *testing.T) {
	l := Leniency{ID: "len", Title: "评委宽严", Unit: "分", Judges: []JudgeLeniency{{"J1", 7, 2}, {"J2", -1, 2}, {"J3", -6.5, 2}}}
	els := checkCommon(t, l.SVG)
	bars := find(els, "rect", "bar")
	if len(bars) != 3 {
		t.Fatalf("bars = %d; want 3", len(bars))
	}
	if !hasClass(bars[0], "lenient") || !hasClass(bars[1], "severe") || !hasClass(bars[2], "severe") {
		t.Errorf("bar classes = %q %q %q; want lenient, severe, severe", bars[0].Attr["class"], bars[1].Attr["class"], bars[2].Attr["class"])
	}
	x0, x1 := lenLabelW+12, lenWidth-lenRight
	mid := (x0 + x1) / 2
	// The scale ends at the next nice number above 7: 10.
	if got, want := bars[0].Attr["x"], num(mid); got != want {
		t.Errorf("lenient bar starts at %s; want the middle %s", got, want)
	}
	if got, want := bars[0].Attr["width"], num((x1-x0)/2*7/10); got != want {
		t.Errorf("+7 bar width = %s; want %s", got, want)
	}
	if got, want := bars[2].Attr["x"], num(mid-(x1-x0)/2*6.5/10); got != want {
		t.Errorf("−6.5 bar starts at %s; want %s", got, want)
	}
	all := texts(els)
	for _, want := range []string{"+7.00（2 项）", "-6.50（2 项）", "J2：平均偏差 -1.00分（2 项）", "偏宽", "偏严"} {
		if !strings.Contains(all, want) {
			t.Errorf("chart text lacks %q:\n%s", want, all)
		}
	}
}

func TestFunnel(t *testing.T) {
	f := Funnel{ID: "fun", Title: "申报与晋级", Unit: "个", Steps: []FunnelStep{
		{"提交申报", 12}, {"通过形式审查", 10}, {"进入遴选", 5}, {"入选", 3}}}
	els := checkCommon(t, f.SVG)
	bars := find(els, "rect", "bar")
	if len(bars) != 4 {
		t.Fatalf("bars = %d; want 4", len(bars))
	}
	full := (funWidth - funRight) - (funLabelW + 12)
	if got, want := bars[3].Attr["width"], num(full*3/12); got != want {
		t.Errorf("入选 bar width = %s; want %s", got, want)
	}
	all := texts(els)
	for _, want := range []string{"12个", "10个（83.33%）", "3个（25%）", "入选：3个", "各环节数量：提交申报 12个，通过形式审查 10个，进入遴选 5个，入选 3个。"} {
		if !strings.Contains(all, want) {
			t.Errorf("chart text lacks %q:\n%s", want, all)
		}
	}
	zero := Funnel{Title: "空", Steps: []FunnelStep{{"提交申报", 0}, {"入选", 0}}}
	if n := len(find(parse(t, zero.SVG()), "rect", "bar")); n != 0 {
		t.Errorf("a funnel of zeros draws %d bars", n)
	}
}

func TestProgress(t *testing.T) {
	p := Progress{ID: "prog", Title: "专家评审进度", Experts: []ExpertProgress{
		{Name: "张三", Submitted: 4}, {Name: "李四", Submitted: 1, Drafts: 1, NotStarted: 2, Overdue: true}}}
	els := checkCommon(t, p.SVG)
	done, draft, todo := find(els, "rect", "done"), find(els, "rect", "draft"), find(els, "rect", "todo")
	if len(done) != 3 || len(draft) != 2 || len(todo) != 2 { // plus one legend swatch each
		t.Fatalf("segments: %d done, %d draft, %d todo; want 3, 2, 2", len(done), len(draft), len(todo))
	}
	unit := ((progWidth - progRight) - (progLabelW + 12)) / 4
	if got, want := done[0].Attr["width"], num(4*unit); got != want {
		t.Errorf("张三's bar = %s; want %s (four of four)", got, want)
	}
	if got, want := todo[0].Attr["width"], num(2*unit); got != want {
		t.Errorf("李四's not-started part = %s; want %s", got, want)
	}
	if len(find(els, "text", "overdue")) != 1 {
		t.Error("the overdue expert is not marked")
	}
	all := texts(els)
	for _, want := range []string{"已提交 4/4 份", "已提交 1/4 份，逾期", "李四：草稿 1 份", "共 2 位专家，8 份评分表中已签名提交 5 份。"} {
		if !strings.Contains(all, want) {
			t.Errorf("chart text lacks %q:\n%s", want, all)
		}
	}
}

func TestNiceCeil(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{{0, 1}, {0.3, 0.5}, {7, 10}, {2.1, 2.5}, {12, 20}, {100, 100}, {1.0000000001, 1}} {
		if got := niceCeil(c.in); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("niceCeil(%v) = %v; want %v", c.in, got, c.want)
		}
	}
}
