package scoring

// Alpha is Krippendorff's alpha with the interval metric δ² = (c − k)². It
// allows missing scores: only items scored by at least two judges (pairable
// units) count.
type Alpha struct {
	// Valid is false when alpha is undefined; Reason says why.
	Valid  bool
	Reason string
	// Units is the number of pairable items, Values the scores in them.
	Units, Values int
	// Observed (Do) and expected (De) disagreement; Alpha = 1 − Do/De.
	Observed, Expected float64
	Alpha              float64
}

// ComputeAlphaInterval computes interval alpha for an items (rows) × judges
// (columns) matrix with missing scores allowed. It uses the identity
// Σ_{i≠j}(x_i − x_j)² = 2m·Σ(x_i − x̄)² on each set of m values, so the
// coincidence matrix is never built: Do = (1/n)·Σ_u 2m_u·SS_u/(m_u − 1),
// De = 2·SS/(n − 1), with n the pairable values and SS their total sum of
// squares.
func ComputeAlphaInterval(scores [][]NullDecimal) Alpha {
	var out Alpha
	var total, count float64
	for _, row := range scores {
		m, sum := 0, 0.0
		for _, v := range row {
			if v.Valid {
				m++
				sum += v.Decimal.Float64()
			}
		}
		if m < 2 {
			continue
		}
		out.Units++
		out.Values += m
		total += sum
		count += float64(m)
	}
	if out.Values < 2 {
		out.Reason = "没有至少两位评委共同评分的对象"
		return out
	}
	// With one object the differences between objects, which alpha
	// weighs the judges' differences against, do not exist: alpha would
	// be 0 whatever the scores.
	if out.Units < 2 {
		out.Reason = "只有一个评分对象，无法比较对象之间的差异"
		return out
	}
	grand := total / count
	var within, ss float64
	for _, row := range scores {
		m, sum := 0, 0.0
		for _, v := range row {
			if v.Valid {
				m++
				sum += v.Decimal.Float64()
			}
		}
		if m < 2 {
			continue
		}
		mean := sum / float64(m)
		var ssu float64
		for _, v := range row {
			if v.Valid {
				f := v.Decimal.Float64()
				ssu += (f - mean) * (f - mean)
				ss += (f - grand) * (f - grand)
			}
		}
		within += 2 * float64(m) * ssu / float64(m-1)
	}
	n := float64(out.Values)
	out.Observed = within / n
	out.Expected = 2 * ss / (n - 1)
	if out.Expected == 0 {
		out.Reason = "所有分数完全相同，没有可比较的差异"
		return out
	}
	out.Valid = true
	out.Alpha = 1 - out.Observed/out.Expected
	return out
}
