package scoring

import "fmt"

// RuleText states the test applied, in Chinese, with its numbers.
func (r OutlierReport) RuleText() string {
	o := r.Options
	switch r.Rule {
	case OutlierModifiedZ:
		return fmt.Sprintf("修正 z 分数 M = 0.6745 ×（分数 − 中位数 %s）÷ MAD %s，|M| > %s 判为畸高或畸低",
			ratioText(r.Median), ratioText(r.MAD), o.Threshold)
	case OutlierShareOfMax:
		return fmt.Sprintf("过半评委打分相同（MAD = 0），改用：与中位数 %s 相差不小于满分 %s 的 %s（即 %s）判为畸高或畸低",
			ratioText(r.Median), o.Max, percent(o.Share), r.cutoff())
	case OutlierUndecidable:
		return "过半评委打分相同（MAD = 0），且未给出满分，无法按满分比例判定，不标记"
	}
	return fmt.Sprintf("评分少于 %d 个，不判定畸高畸低", OutlierMinPanel)
}

// Explain gives the reason line for one judge, e.g.
// "畸高：9.5 比中位数 7 高 2.5，M = 3.37，|M| > 3.5".
func (r OutlierReport) Explain(d JudgeDeviation) string {
	if d.Direction == DirectionNone {
		return fmt.Sprintf("%s 等于中位数", d.Score)
	}
	side := "高"
	if d.Direction == DirectionLow {
		side = "低"
	}
	gap := ratioText(ratioAbs(r.Deviation(d)))
	head := fmt.Sprintf("%s 比中位数 %s %s %s", d.Score, ratioText(r.Median), side, gap)
	if d.Flagged {
		head = d.Direction.Label() + "：" + head
	}
	switch {
	case r.Rule == OutlierModifiedZ && d.Flagged:
		return fmt.Sprintf("%s，M = %.2f，|M| > %s", head, d.M.Float64, r.Options.Threshold)
	case r.Rule == OutlierModifiedZ:
		return fmt.Sprintf("%s，M = %.2f，|M| 未超过 %s", head, d.M.Float64, r.Options.Threshold)
	case r.Rule == OutlierShareOfMax && d.Flagged:
		return fmt.Sprintf("%s，不小于满分 %s 的 %s（%s）", head, r.Options.Max, percent(r.Options.Share), r.cutoff())
	case r.Rule == OutlierShareOfMax:
		return fmt.Sprintf("%s，小于满分 %s 的 %s（%s）", head, r.Options.Max, percent(r.Options.Share), r.cutoff())
	}
	return head
}

// cutoff is share × max for display.
func (r OutlierReport) cutoff() string {
	c, err := r.Options.Share.Mul(r.Options.Max, Scale)
	if err != nil {
		return "—"
	}
	return c.String()
}

// ratioText shows a quotient as a decimal when it is one, else as "a/b".
func ratioText(r Ratio) string {
	if d, ok := r.Exact(); ok {
		return d.String()
	}
	return r.String()
}

func ratioAbs(r Ratio) Ratio {
	r.num = r.num.Abs()
	return r
}

// percent shows a share such as 0.2 as "20%".
func percent(share Decimal) string {
	p, err := share.MulInt(100)
	if err != nil {
		return share.String()
	}
	return p.String() + "%"
}
