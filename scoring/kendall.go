package scoring

import (
	"slices"
)

// Kendall is Kendall's coefficient of concordance W: each judge ranks the
// items by score (ties get average ranks, with the tie correction), and W
// measures how far the judges' rankings agree, from 0 (none) to 1 (identical).
type Kendall struct {
	// Valid is false when W is undefined; Reason says why.
	Valid  bool
	Reason string
	// Items ranked (n) and judges ranking them (m).
	Items, Judges int
	// W with the tie correction; ChiSquare = m(n−1)W on DF = n−1 degrees of
	// freedom, and P its upper-tail probability.
	W, ChiSquare float64
	DF           int
	P            float64
	// TieSum is Σ over judges and tie groups of (t³ − t).
	TieSum float64
}

// ComputeKendallW computes W for a complete items (rows) × judges (columns)
// matrix: W = 12S / (m²(n³−n) − m·Σ(t³−t)), S = Σ(R_i − m(n+1)/2)².
func ComputeKendallW(scores [][]NullDecimal) Kendall {
	if _, reason := completeMatrix(scores); reason != "" {
		return Kendall{Reason: reason}
	}
	n, m := len(scores), len(scores[0])
	out := Kendall{Items: n, Judges: m, DF: n - 1}
	// rank2[i] accumulates twice the average rank of item i, summed over
	// judges, so tied ranks stay whole numbers.
	rank2 := make([]int64, n)
	order := make([]int, n)
	var ties int64
	for j := 0; j < m; j++ {
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			return scores[a][j].Decimal.Cmp(scores[b][j].Decimal)
		})
		for start := 0; start < n; {
			end := start
			for end+1 < n && scores[order[end+1]][j].Decimal == scores[order[start]][j].Decimal {
				end++
			}
			// Positions start..end (0-based) share the rank (start+end+2)/2.
			for p := start; p <= end; p++ {
				rank2[order[p]] += int64(start + end + 2)
			}
			t := int64(end - start + 1)
			ties += t*t*t - t
			start = end + 1
		}
	}
	fm, fn := float64(m), float64(n)
	var s float64
	centre := fm * (fn + 1) // twice m(n+1)/2
	for _, r := range rank2 {
		d := float64(r) - centre
		s += d * d
	}
	s /= 4
	out.TieSum = float64(ties)
	den := fm*fm*(fn*fn*fn-fn) - fm*out.TieSum
	if den <= 0 {
		out.Reason = "每位评委给所有对象的分数都相同，无法排序"
		return out
	}
	out.Valid = true
	out.W = 12 * s / den
	out.ChiSquare = fm * (fn - 1) * out.W
	out.P = chiSquareSurvival(out.ChiSquare, out.DF)
	return out
}
