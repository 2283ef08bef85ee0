package scoring

import (
	"fmt"
	"strings"
)

// Method names how one item's judge scores are combined. The names are the
// ones the rubric files and the `chainjudge score` input use.
type Method string

// The aggregation methods.
const (
	// MethodMean is the arithmetic mean of every score.
	MethodMean Method = "mean"
	// MethodMedian is the middle score, or the mean of the two middle scores.
	MethodMedian Method = "median"
	// MethodTrimmedMean drops exactly k scores at each end, then averages:
	// "去掉 k 个最高分和 k 个最低分".
	MethodTrimmedMean Method = "trimmed_mean"
	// MethodWinsorizedMean replaces the k lowest scores by the next lowest and
	// the k highest by the next highest, then averages.
	MethodWinsorizedMean Method = "winsorized_mean"
)

// Methods lists every method in the order the documentation shows them.
var Methods = []Method{MethodMean, MethodMedian, MethodTrimmedMean, MethodWinsorizedMean}

// ParseMethod checks a method name from a file or a request.
func ParseMethod(s string) (Method, error) {
	for _, m := range Methods {
		if string(m) == s {
			return m, nil
		}
	}
	names := make([]string, len(Methods))
	for i, m := range Methods {
		names[i] = fmt.Sprintf("%q", m)
	}
	return "", fmt.Errorf("未知的汇总方法 %q，可选 %s (unknown aggregation method)", s, strings.Join(names, "、"))
}

// Label returns the method's Chinese name.
func (m Method) Label() string {
	switch m {
	case MethodMean:
		return "算术平均"
	case MethodMedian:
		return "中位数"
	case MethodTrimmedMean:
		return "去掉最高最低分后平均"
	case MethodWinsorizedMean:
		return "缩尾平均"
	}
	return string(m)
}

// trims reports whether the method uses a drop count k.
func (m Method) trims() bool { return m == MethodTrimmedMean || m == MethodWinsorizedMean }

// TrimSource says where the drop count k of an aggregation came from.
type TrimSource string

// The sources of a drop count.
const (
	// TrimNone: the method does not drop or replace scores.
	TrimNone TrimSource = "none"
	// TrimPanelRule: k follows the panel-size rule (PanelRuleTrim).
	TrimPanelRule TrimSource = "panel_rule"
	// TrimConfigured: k was configured and the panel was large enough.
	TrimConfigured TrimSource = "configured"
	// TrimReduced: k was configured but fewer than 2k+1 judges scored, so k
	// was lowered to the largest count the panel allows.
	TrimReduced TrimSource = "reduced"
)

// SmallPanelMax is the largest panel the engine calls too small: with two
// scores or fewer nothing can be dropped and the result is a plain mean.
const SmallPanelMax = 2

// PanelRuleTrim returns the default number of scores dropped at each end for
// a panel of n judges who scored: n ≤ 2 → 0 (plain mean, panel too small),
// 3–9 → 1, 10–14 → 2, 15 or more → 3.
func PanelRuleTrim(n int) int {
	switch {
	case n <= SmallPanelMax:
		return 0
	case n <= 9:
		return 1
	case n <= 14:
		return 2
	}
	return 3
}

// PanelRuleText states the panel-size rule in one Chinese sentence, for
// rubric summaries and the documentation.
const PanelRuleText = "评委 2 人及以下取算术平均（人数过少）；3–9 人各去掉 1 个最高分和最低分；10–14 人各去掉 2 个；15 人及以上各去掉 3 个"

// ProportionTrim converts a trimming proportion p (0 ≤ p < 0.5, as in R's
// mean(x, trim = p)) into a drop count floor(p·n), computed exactly so that
// 0.29 × 100 gives 29 and not the 28 that float64 arithmetic gives.
func ProportionTrim(p Decimal, n int) (int, error) {
	if p.Sign() < 0 || p.Cmp(MustDecimal("0.5")) >= 0 {
		return 0, fmt.Errorf("去尾比例 %s 应在 [0, 0.5) 之内 (trim proportion out of range)", p)
	}
	if n < 0 || n > MaxJudges {
		return 0, fmt.Errorf("评委人数 %d 超出范围 (panel size out of range)", n)
	}
	return int(p.micros * int64(n) / unit), nil
}
