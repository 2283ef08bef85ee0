package scoring

// ICC holds the six intraclass correlations of Shrout & Fleiss (1979) for n
// items (targets) each scored by the same k judges, with the mean squares of
// the two-way analysis of variance they are built from.
//
//	ICC1  = ICC(1,1): one-way random, single judge
//	ICC2  = ICC(2,1): two-way random, single judge, absolute agreement
//	ICC3  = ICC(3,1): two-way mixed, single judge, consistency
//	ICC1k, ICC2k, ICC3k: the same for the mean of the k judges
//
// For expert panels the usual report is ICC2 and ICC2k.
type ICC struct {
	// Valid is false when the data do not allow the statistics; Reason says why.
	Valid  bool
	Reason string
	// N items, K judges.
	N, K int
	// Mean squares: between items (BMS), within items (WMS), between judges
	// (JMS) and residual (EMS).
	BMS, WMS, JMS, EMS float64
	// The six forms; each is undefined when its denominator is zero.
	ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k NullFloat
}

// ComputeICC computes the six ICC forms from a matrix of items (rows) by
// judges (columns). It needs complete data, at least 2 items and 2 judges.
func ComputeICC(scores [][]NullDecimal) ICC {
	x, reason := completeMatrix(scores)
	if reason != "" {
		return ICC{Reason: reason}
	}
	n, k := len(x), len(x[0])
	out := ICC{Valid: true, N: n, K: k}
	fn, fk := float64(n), float64(k)

	rowMean := make([]float64, n)
	colMean := make([]float64, k)
	var grand float64
	for i, row := range x {
		for j, v := range row {
			rowMean[i] += v
			colMean[j] += v
			grand += v
		}
	}
	for i := range rowMean {
		rowMean[i] /= fk
	}
	for j := range colMean {
		colMean[j] /= fn
	}
	grand /= fn * fk

	var ssr, ssc, ssw, sse float64
	for _, m := range rowMean {
		ssr += (m - grand) * (m - grand)
	}
	ssr *= fk
	for _, m := range colMean {
		ssc += (m - grand) * (m - grand)
	}
	ssc *= fn
	for i, row := range x {
		for j, v := range row {
			w := v - rowMean[i]
			ssw += w * w
			e := v - rowMean[i] - colMean[j] + grand
			sse += e * e
		}
	}
	out.BMS = ssr / (fn - 1)
	out.WMS = ssw / (fn * (fk - 1))
	out.JMS = ssc / (fk - 1)
	out.EMS = sse / ((fn - 1) * (fk - 1))
	b, w, j, e := out.BMS, out.WMS, out.JMS, out.EMS

	out.ICC1 = ratioOrNull(b-w, b+(fk-1)*w)
	out.ICC2 = ratioOrNull(b-e, b+(fk-1)*e+fk*(j-e)/fn)
	out.ICC3 = ratioOrNull(b-e, b+(fk-1)*e)
	out.ICC1k = ratioOrNull(b-w, b)
	out.ICC2k = ratioOrNull(b-e, b+(j-e)/fn)
	out.ICC3k = ratioOrNull(b-e, b)
	return out
}

// ratioOrNull divides, or reports undefined for a zero denominator.
func ratioOrNull(num, den float64) NullFloat {
	if den == 0 {
		return NullFloat{}
	}
	return someFloat(num / den)
}

// completeMatrix converts a complete items × judges matrix to float64, or
// says why it cannot be used.
func completeMatrix(scores [][]NullDecimal) ([][]float64, string) {
	if len(scores) < 2 {
		return nil, "评分对象少于 2 个"
	}
	k := len(scores[0])
	if k < 2 {
		return nil, "评委少于 2 人"
	}
	x := make([][]float64, len(scores))
	flat := make([]float64, len(scores)*k)
	for i, row := range scores {
		if len(row) != k {
			return nil, "各行评委人数不一致"
		}
		x[i] = flat[i*k : (i+1)*k]
		for j, v := range row {
			if !v.Valid {
				return nil, "存在缺失评分（此统计量要求每位评委评了每个对象）"
			}
			x[i][j] = v.Decimal.Float64()
		}
	}
	return x, ""
}
