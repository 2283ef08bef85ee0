package scoring

import "fmt"

// Steps lists, in Chinese, every step from the judges' scores to the
// criterion's points, one line each, for the calculation sheet.
func (c CriterionScore) Steps() []string {
	a := c.Aggregation
	if a.Empty() {
		return []string{"无人评分，本项不计分"}
	}
	steps := []string{a.Rule()}
	if len(a.Missing) > 0 {
		steps = append(steps, fmt.Sprintf("未评分的评委：%s（不按零分计）", joinNames(a.Missing)))
	}
	if len(a.Low)+len(a.High) > 0 {
		verb := "去掉"
		if a.Method == MethodWinsorizedMean {
			verb = "替换"
		}
		steps = append(steps, fmt.Sprintf("%s的最低分：%s；%s的最高分：%s", verb, markList(a.Low), verb, markList(a.High)))
	}
	steps = append(steps, a.Formula(), "第一次舍入（汇总后）："+a.RoundingStep())
	product, exact, err := a.Value.mulExact(c.Weight)
	if err == nil {
		eq := "="
		if !exact {
			eq = "≈"
		}
		how := fmt.Sprintf("按 %d 位小数四舍五入为 %s", c.Decimals, c.Weighted.StringFixed(c.Decimals))
		if !c.Stated {
			how = fmt.Sprintf("按内部精度 %d 位小数为 %s", Scale, c.Weighted)
		}
		steps = append(steps, fmt.Sprintf("第二次舍入（加权后）：%s × 权重 %s %s %s，%s", a.Value, c.Weight, eq, product, how))
	}
	if c.Capped {
		steps = append(steps, fmt.Sprintf("%s 超过本项上限 %s，按 %s 计", c.Weighted, c.Cap, c.Cap))
	}
	steps = append(steps, fmt.Sprintf("本项得分：%s", c.Points))
	for _, f := range c.Outliers.Flags() {
		steps = append(steps, "提示（不影响计算）："+c.Outliers.Explain(f)+"，需评委书面说明理由")
	}
	return steps
}

// markList writes marks as "J2 5、J5 9", or "无".
func markList(marks []Mark) string {
	if len(marks) == 0 {
		return "无"
	}
	out := ""
	for i, m := range marks {
		if i > 0 {
			out += "、"
		}
		out += m.Judge + " " + m.Score.Decimal.String()
	}
	return out
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += "、"
		}
		out += n
	}
	return out
}
