package scoring

import (
	"fmt"
	"strings"
)

// Rule states in one Chinese sentence which rule was applied and why, e.g.
// "评委 7 人，去掉 1 个最高分和 1 个最低分（按评委人数的默认规则）".
func (a Aggregation) Rule() string {
	n := a.N
	if n == 0 {
		return "无人评分，不计算结果"
	}
	switch a.Method {
	case MethodMean:
		if a.SmallPanel {
			return fmt.Sprintf("评委仅 %d 人（人数过少），取全部分数的算术平均", n)
		}
		return fmt.Sprintf("评委 %d 人，取全部分数的算术平均", n)
	case MethodMedian:
		if n%2 == 1 {
			return fmt.Sprintf("评委 %d 人，取中位数（从低到高第 %d 个分数）", n, n/2+1)
		}
		return fmt.Sprintf("评委 %d 人，取中位数（从低到高第 %d、%d 个分数的平均）", n, n/2, n/2+1)
	}
	verb := "去掉 %d 个最高分和 %d 个最低分"
	if a.Method == MethodWinsorizedMean {
		verb = "将 %d 个最高分替换为次高分、%d 个最低分替换为次低分后平均"
	}
	what := fmt.Sprintf(verb, a.Trim, a.Trim)
	switch a.TrimSource {
	case TrimPanelRule:
		if a.SmallPanel {
			return fmt.Sprintf("评委仅 %d 人（人数过少），不去分，取算术平均（按评委人数的默认规则）", n)
		}
		return fmt.Sprintf("评委 %d 人，%s（按评委人数的默认规则）", n, what)
	case TrimReduced:
		if a.Trim == 0 {
			return fmt.Sprintf("评委仅 %d 人，不足以按配置各去掉 %d 个分数（至少需 %d 人），改为不去分，取算术平均",
				n, a.ConfiguredTrim, 2*a.ConfiguredTrim+1)
		}
		return fmt.Sprintf("评委仅 %d 人，不足以按配置各去掉 %d 个分数（至少需 %d 人），改为%s",
			n, a.ConfiguredTrim, 2*a.ConfiguredTrim+1, what)
	}
	if a.Trim == 0 {
		return fmt.Sprintf("评委 %d 人，按配置不去分，取算术平均", n)
	}
	return fmt.Sprintf("评委 %d 人，按配置%s", n, what)
}

// Formula writes the arithmetic that produced Exact, e.g.
// "(6 + 8 + 9) ÷ 3 = 23/3".
func (a Aggregation) Formula() string {
	if a.N == 0 {
		return ""
	}
	if a.Method == MethodMedian && a.N%2 == 1 {
		return fmt.Sprintf("中位数 = %s", a.Counted[0].Score.Decimal)
	}
	terms := make([]string, 0, a.N)
	for range a.Low {
		if a.Method == MethodWinsorizedMean {
			terms = append(terms, a.LowReplacement.String())
		}
	}
	for _, m := range a.Counted {
		terms = append(terms, m.Score.Decimal.String())
	}
	for range a.High {
		if a.Method == MethodWinsorizedMean {
			terms = append(terms, a.HighReplacement.String())
		}
	}
	return fmt.Sprintf("(%s) ÷ %d = %s", strings.Join(terms, " + "), a.Exact.Den(), a.Exact)
}

// RoundingStep states how Exact became Value, e.g.
// "23/3 = 7.666667…，按 2 位小数四舍五入为 7.67".
func (a Aggregation) RoundingStep() string {
	if a.N == 0 {
		return ""
	}
	return roundingStep(a.Exact, a.Decimals, a.Stated, a.Value)
}

// roundingStep describes rounding an exact quotient at decimals places.
func roundingStep(exact Ratio, decimals int, stated bool, rounded Decimal) string {
	if d, ok := exact.Exact(); ok && d.Round(decimals) == d {
		if exact.Den() == 1 {
			return fmt.Sprintf("%s，无需舍入", d)
		}
		return fmt.Sprintf("%s = %s，无需舍入", exact, d)
	}
	shown := exact.String()
	if d, ok := exact.Exact(); ok {
		if exact.Den() != 1 {
			shown += " = " + d.String()
		}
	} else {
		shown += " ≈ " + exact.Round(Scale).String()
	}
	if !stated {
		return fmt.Sprintf("%s，未规定小数位，按内部精度 %d 位小数四舍五入为 %s", shown, Scale, rounded)
	}
	return fmt.Sprintf("%s，按 %d 位小数四舍五入为 %s", shown, decimals, rounded.StringFixed(decimals))
}
