package gbt9704

import (
	"math"
	"strings"
)

// Chinese line-breaking rules (避头尾, GB/T 15834 practice): a line never
// starts with closing punctuation and never ends with opening punctuation.
// The ▲▼ score markers stay with the score they mark.
const (
	noLineStart = "，。、；：？！）》」』】〕〉”’…—·%‰℃°～,.;:?!)]}▲▼"
	noLineEnd   = "（《「『【〔〈“‘([{"
)

// glyph is one character of a paragraph with its natural advance.
type glyph struct {
	r    rune
	span int     // index of the span it came from
	adv  float64 // mm
	keep bool    // the span asks not to be broken inside
}

// lineRange is the glyphs [start, end) of one output line.
type lineRange struct{ start, end int }

func isWordRune(r rune) bool { return r > ' ' && r < 0x7F }

// unit is an unbreakable run of glyphs: one hanzi, an ASCII word or number,
// a space, or a whole span marked Keep, with opening punctuation glued to
// what follows and closing punctuation glued to what precedes.
type unit struct{ start, end int }

func splitUnits(gs []glyph) []unit {
	var units []unit
	for i := 0; i < len(gs); {
		start := i
		for i < len(gs) && strings.ContainsRune(noLineEnd, gs[i].r) {
			i++
		}
		if i < len(gs) {
			if gs[i].keep {
				for span := gs[i].span; i < len(gs) && gs[i].span == span; i++ {
				}
			} else if isWordRune(gs[i].r) {
				for i < len(gs) && isWordRune(gs[i].r) {
					i++
				}
			} else {
				i++
			}
		}
		for i < len(gs) && strings.ContainsRune(noLineStart, gs[i].r) {
			i++
		}
		units = append(units, unit{start, i})
	}
	return units
}

// extent is the visible width of gs[start:end]: advances plus the spacing
// between (not after) the glyphs.
func extent(gs []glyph, start, end int, spacing float64) float64 {
	if end <= start {
		return 0
	}
	w := float64(end-start-1) * spacing
	for _, g := range gs[start:end] {
		w += g.adv
	}
	return w
}

// fitExtent is the width gs[start:end] needs on a line. Negative spacing
// (the grid tightening 三号 to 156/28 mm) counts after the last character
// too, as a word processor's character grid does: 28 characters fill
// 156 mm exactly, the last glyph's edge overlapping the margin by 0.07 mm.
func fitExtent(gs []glyph, start, end int, spacing float64) float64 {
	return extent(gs, start, end, spacing) + min(spacing, 0)
}

// squeezable is how much a line may overflow when it ends with unit u: half
// of each trailing full-width closing mark, whose right half is blank in a
// CJK font. This is the "挤进" alternative to pushing the last character
// down to the next line.
func squeezable(gs []glyph, u unit) float64 {
	s := 0.0
	for i := u.end - 1; i > u.start && strings.ContainsRune(noLineStart, gs[i].r) && gs[i].r >= 0x2000; i-- {
		s += gs[i].adv / 2
	}
	return s
}

const epsilon = 1e-6

// breakLines breaks a paragraph greedily into lines no wider than first (the
// first line) and rest (the others), keeping 避头尾 and never splitting an
// ASCII word unless it is wider than a whole line. Spaces at either end of a
// line are dropped.
func breakLines(gs []glyph, first, rest, spacing float64) []lineRange {
	var lines []lineRange
	avail, lineStart := first, 0
	newLine := func(at int) {
		lines = append(lines, lineRange{lineStart, at})
		lineStart, avail = at, rest
	}
	for _, u := range splitUnits(gs) {
		joined := fitExtent(gs, lineStart, u.end, spacing)
		if joined <= avail+epsilon || (u.start > lineStart && joined-avail <= squeezable(gs, u)+epsilon) {
			continue
		}
		if u.start > lineStart {
			newLine(u.start)
		}
		// A unit wider than a whole line (a long name kept whole, a hash) is
		// cut where it fills the line: between its own characters' units if
		// one fits, so 避头尾 still holds, else between any two glyphs.
		for fitExtent(gs, lineStart, u.end, spacing) > avail+epsilon {
			newLine(cutPoint(gs, lineStart, u.end, avail, spacing))
		}
	}
	if lineStart < len(gs) || len(lines) == 0 {
		lines = append(lines, lineRange{lineStart, len(gs)})
	}
	return trimSpaces(gs, lines)
}

// cutPoint is where to cut gs[start:end], which is too wide for avail.
func cutPoint(gs []glyph, start, end int, avail, spacing float64) int {
	inner := make([]glyph, end-start)
	copy(inner, gs[start:end])
	for i := range inner {
		inner[i].keep = false
	}
	cut := 0
	for _, u := range splitUnits(inner) {
		if fitExtent(inner, 0, u.end, spacing) > avail+epsilon {
			break
		}
		cut = u.end
	}
	if cut == 0 {
		cut = 1
		for cut < len(inner) && fitExtent(inner, 0, cut+1, spacing) <= avail+epsilon {
			cut++
		}
	}
	return start + cut
}

func trimSpaces(gs []glyph, lines []lineRange) []lineRange {
	out := lines[:0]
	for _, l := range lines {
		for l.start < l.end && gs[l.start].r == ' ' {
			l.start++
		}
		for l.end > l.start && gs[l.end-1].r == ' ' {
			l.end--
		}
		if l.end > l.start || len(lines) == 1 {
			out = append(out, l)
		}
	}
	return out
}

// balanceLines breaks a title into the fewest lines that fit width, choosing
// break points so that the lines are as even as possible (GB/T 9704 7.3.1:
// a trapezoid or diamond, never one long line over a stub). Breaks between
// spans cost nothing; a break inside a span (a name, a year) costs more than
// any imbalance and is used only when no break between spans fits, so
// callers pass the words they want kept whole as separate spans. A longer
// line above a shorter one is preferred.
func balanceLines(gs []glyph, width, spacing float64) []lineRange {
	units := splitUnits(gs)
	greedy := breakLines(gs, width, width, spacing)
	if len(greedy) < 2 {
		return greedy
	}
	b := balancer{gs: gs, units: units, width: width, spacing: spacing}
	for _, g := range gs {
		b.charW = math.Max(b.charW, g.adv)
	}
	if lines := b.solve(len(greedy)); lines != nil {
		return trimSpaces(gs, lines)
	}
	return greedy
}

// Title break points inside a span, best first. A break before these words
// keeps the title's meaning whole ("…产业链 / 竞赛结果的通知"); a break after
// these leaves a complete modifier ("2026年度江苏省 / 区域…"). Any other break
// costs more than any imbalance a title line can have (GB/T 9704 7.3.1:
// 回行时词意完整).
var (
	titleBreakBefore = []string{"竞赛", "评选", "遴选", "结果", "名单", "的通知", "的公示", "的决定", "工作"}
	titleBreakAfter  = []string{"年度", "关于", "公布", "印发", "江苏省", "开展"}
)

// inSpanCost is the cost, in squared character widths, of breaking a title
// inside a span before gs[at].
func inSpanCost(gs []glyph, at int) float64 {
	before, after := runesBetween(gs, max(0, at-3), at), runesBetween(gs, at, min(len(gs), at+3))
	for _, w := range titleBreakBefore {
		if strings.HasPrefix(after, w) {
			return 10
		}
	}
	for _, w := range titleBreakAfter {
		if strings.HasSuffix(before, w) {
			return 80
		}
	}
	return 1000
}

func runesBetween(gs []glyph, from, to int) string {
	var sb strings.Builder
	for _, g := range gs[from:to] {
		sb.WriteRune(g.r)
	}
	return sb.String()
}

// balancer searches break points over units by dynamic programming.
type balancer struct {
	gs      []glyph
	units   []unit
	width   float64
	spacing float64
	charW   float64
}

// step is the cheapest way found to end a line after unit i: its total
// cost, the unit the line starts at and that line's width.
type step struct {
	cost  float64
	from  int
	width float64
}

// solve returns k lines, or nil if the units cannot be set in k lines.
func (b balancer) solve(k int) []lineRange {
	n := len(b.units)
	target := extent(b.gs, 0, len(b.gs), b.spacing) / float64(k)
	// best[j][i]: units[:i] set as j lines.
	best := make([][]step, k+1)
	for j := range best {
		best[j] = make([]step, n+1)
		for i := range best[j] {
			best[j][i] = step{cost: math.Inf(1), from: -1}
		}
	}
	best[0][0] = step{}
	for j := 1; j <= k; j++ {
		for i := 1; i <= n; i++ {
			for p := 0; p < i; p++ {
				prev := best[j-1][p]
				if math.IsInf(prev.cost, 1) {
					continue
				}
				start, end := b.units[p].start, b.units[i-1].end
				w := extent(b.gs, start, end, b.spacing)
				if fitExtent(b.gs, start, end, b.spacing) > b.width+epsilon {
					continue
				}
				c := prev.cost + (w-target)*(w-target)
				if i < n && b.gs[end-1].span == b.gs[end].span {
					c += inSpanCost(b.gs, end) * b.charW * b.charW
				}
				if j > 1 && w > prev.width+epsilon {
					c += b.charW * b.charW / 4
				}
				if c < best[j][i].cost {
					best[j][i] = step{cost: c, from: p, width: w}
				}
			}
		}
	}
	if math.IsInf(best[k][n].cost, 1) {
		return nil
	}
	lines := make([]lineRange, k)
	for j, i := k, n; j > 0; j-- {
		p := best[j][i].from
		lines[j-1] = lineRange{b.units[p].start, b.units[i-1].end}
		i = p
	}
	return lines
}
