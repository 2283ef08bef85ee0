package scoring

import (
	"fmt"
)

// Agreement gathers the panel agreement statistics for one items × judges
// matrix of scores.
type Agreement struct {
	// Items and Judges are the matrix dimensions.
	Items, Judges int
	// ICC needs complete data; Kendall too; Alpha allows missing scores.
	ICC     ICC
	Kendall Kendall
	Alpha   Alpha
}

// Agree computes every agreement statistic for a matrix of items (rows) by
// judges (columns); an absent score is a judge who did not score that item.
// Rows must all have one entry per judge.
func Agree(scores [][]NullDecimal) (Agreement, error) {
	out := Agreement{Items: len(scores)}
	if len(scores) > 0 {
		out.Judges = len(scores[0])
	}
	for i, row := range scores {
		if len(row) != out.Judges {
			return Agreement{}, fmt.Errorf("第 %d 行有 %d 个分数，应为 %d 个 (row %d has %d values for %d judges)",
				i+1, len(row), out.Judges, i, len(row), out.Judges)
		}
	}
	out.ICC = ComputeICC(scores)
	out.Kendall = ComputeKendallW(scores)
	out.Alpha = ComputeAlphaInterval(scores)
	return out, nil
}

// ICCLevel reads an ICC value by Koo & Li (2016): below 0.5 poor, 0.5–0.75
// moderate, 0.75–0.9 good, above 0.9 excellent. The estimates can leave
// [0, 1] on data the model does not fit (judges whose differences are
// smaller than the noise); such a value is not read as a level.
func ICCLevel(v float64) string {
	switch {
	case v > 1:
		return "超出 0–1，数据不符合模型假设，不作解读 (out of range: not interpretable)"
	case v < 0:
		return "为负，评委之间没有一致性 (negative: no agreement)"
	case v < 0.5:
		return "较差 (poor)"
	case v < 0.75:
		return "中等 (moderate)"
	case v <= 0.9:
		return "良好 (good)"
	}
	return "优秀 (excellent)"
}

// AlphaLevel reads Krippendorff's alpha by Krippendorff (2004): at least
// 0.800 reliable, 0.667–0.800 only for tentative conclusions, below that not
// reliable.
func AlphaLevel(v float64) string {
	switch {
	case v >= 0.8:
		return "可靠 (reliable)"
	case v >= 0.667:
		return "仅可作初步结论 (tentative)"
	}
	return "不可靠 (unreliable)"
}

// KendallLevel reads Kendall's W on Schmidt's (1997) scale, whose anchors
// 0.1, 0.3, 0.5, 0.7 and 0.9 mark very weak, weak, moderate, strong and very
// strong agreement; a value is read by the highest anchor it reaches.
func KendallLevel(w float64) string {
	switch {
	case w >= 0.9:
		return "非常强 (unusually strong)"
	case w >= 0.7:
		return "强 (strong)"
	case w >= 0.5:
		return "中等 (moderate)"
	case w >= 0.3:
		return "弱 (weak)"
	}
	return "很弱 (very weak)"
}

// Readings returns plain-language Chinese sentences for a results page or a
// score summary sheet, one per statistic.
func (a Agreement) Readings() []string {
	var out []string
	if a.ICC.Valid && a.ICC.ICC2.Valid {
		out = append(out, fmt.Sprintf(
			"ICC(2,1) = %.2f：单个评委打分的一致性%s；ICC(2,k) = %s：%d 位评委平均分的可信度%s（Koo & Li 2016：< 0.5 较差，0.5–0.75 中等，0.75–0.9 良好，> 0.9 优秀）",
			a.ICC.ICC2.Float64, ICCLevel(a.ICC.ICC2.Float64), floatText(a.ICC.ICC2k), a.ICC.K, levelOf(a.ICC.ICC2k, ICCLevel)))
	} else {
		out = append(out, "ICC 未计算："+reasonOr(a.ICC.Reason, "方差为零"))
	}
	if a.Kendall.Valid {
		sig := "与随机排序相比无显著差异（p ≥ 0.05）"
		if a.Kendall.P < 0.05 {
			sig = "显著高于随机（p < 0.05）"
		}
		out = append(out, fmt.Sprintf(
			"Kendall W = %.2f（χ² = %.2f，自由度 %d，p = %.3f）：%d 位评委对 %d 个对象的排序一致性%s，%s（参照 Schmidt 1997）",
			a.Kendall.W, a.Kendall.ChiSquare, a.Kendall.DF, a.Kendall.P, a.Kendall.Judges, a.Kendall.Items,
			KendallLevel(a.Kendall.W), sig))
	} else {
		out = append(out, "Kendall W 未计算："+a.Kendall.Reason)
	}
	if a.Alpha.Valid {
		out = append(out, fmt.Sprintf("Krippendorff α（等距）= %.3f：%s（Krippendorff 2004：≥ 0.800 可靠，≥ 0.667 仅可作初步结论）",
			a.Alpha.Alpha, AlphaLevel(a.Alpha.Alpha)))
	} else {
		out = append(out, "Krippendorff α 未计算："+a.Alpha.Reason)
	}
	return out
}

func floatText(f NullFloat) string {
	if !f.Valid {
		return "—"
	}
	return fmt.Sprintf("%.2f", f.Float64)
}

func levelOf(f NullFloat, level func(float64) string) string {
	if !f.Valid {
		return "无法判断"
	}
	return level(f.Float64)
}

func reasonOr(reason, fallback string) string {
	if reason == "" {
		return fallback
	}
	return reason
}
