package scoring

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestAggregate_Table(t *testing.T) {
	for _, c := range []struct {
		name     string
		scores   []string
		opts     AggregateOptions
		exact    string // Exact as a quotient
		value    string // Value at the stated decimals
		trim     int
		source   TrimSource
		low      string // judges dropped at the low end
		high     string
		rule     string // substring of Rule()
		small    bool
		missings string
	}{
		{
			name:   "ScoringDocExampleDropsOneCopyOfTiedMax",
			scores: []string{"9", "5", "6", "8", "9"},
			opts:   AggregateOptions{Method: MethodTrimmedMean, Decimals: ip(2)},
			exact:  "23/3", value: "7.67", trim: 1, source: TrimPanelRule,
			low: "J2", high: "J5", rule: "评委 5 人，去掉 1 个最高分和 1 个最低分",
		},
		{
			name:   "PanelOfSevenSpecRuleText",
			scores: []string{"80", "82", "85", "79", "90", "60", "84"},
			opts:   AggregateOptions{Method: MethodTrimmedMean, Decimals: ip(2)},
			exact:  "410/5", value: "82.00", trim: 1, source: TrimPanelRule,
			low: "J6", high: "J5", rule: "评委 7 人，去掉 1 个最高分和 1 个最低分（按评委人数的默认规则）",
		},
		{
			name:   "RMeanTrimTenPercent",
			scores: []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "50"},
			opts:   AggregateOptions{Method: MethodTrimmedMean, Trim: ip(1)},
			exact:  "55/10", value: "5.5", trim: 1, source: TrimConfigured, low: "J1", high: "J12",
			rule: "按配置去掉 1 个最高分和 1 个最低分",
		},
		{
			name:   "MedianOdd",
			scores: []string{"3", "1", "2"},
			opts:   AggregateOptions{Method: MethodMedian},
			exact:  "2", value: "2", source: TrimNone, rule: "第 2 个分数",
		},
		{
			name:   "MedianEven",
			scores: []string{"1", "2", "3", "10"},
			opts:   AggregateOptions{Method: MethodMedian},
			exact:  "5/2", value: "2.5", source: TrimNone, rule: "第 2、3 个分数的平均",
		},
		{
			name:   "Winsorized",
			scores: []string{"1", "5", "6", "8", "20"},
			opts:   AggregateOptions{Method: MethodWinsorizedMean, Decimals: ip(1)},
			exact:  "32/5", value: "6.4", trim: 1, source: TrimPanelRule, low: "J1", high: "J5",
			rule: "替换为次高分",
		},
		{
			name:   "TwoJudgesPlainMeanSmallPanel",
			scores: []string{"9", "9.5"},
			opts:   AggregateOptions{Method: MethodTrimmedMean, Decimals: ip(2)},
			exact:  "18.5/2", value: "9.25", source: TrimPanelRule, small: true, rule: "人数过少",
		},
		{
			name:   "ConfiguredTrimTooLargeIsReduced",
			scores: []string{"1", "2", "3", "4"},
			opts:   AggregateOptions{Method: MethodTrimmedMean, Trim: ip(2)},
			exact:  "5/2", value: "2.5", trim: 1, source: TrimReduced, low: "J1", high: "J4",
			rule: "不足以按配置各去掉 2 个分数（至少需 5 人）",
		},
		{
			name:   "TenJudgesDropTwo",
			scores: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"},
			opts:   AggregateOptions{Method: MethodTrimmedMean},
			exact:  "33/6", value: "5.5", trim: 2, source: TrimPanelRule, low: "J1 J2", high: "J9 J10",
		},
		{
			name: "FifteenJudgesDropThree",
			scores: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
				"11", "12", "13", "14", "15"},
			opts:  AggregateOptions{Method: MethodTrimmedMean},
			exact: "72/9", value: "8", trim: 3, source: TrimPanelRule,
			low: "J1 J2 J3", high: "J13 J14 J15",
		},
		{
			name:   "MissingIsNotZero",
			scores: []string{"9", ".", "7"},
			opts:   AggregateOptions{Method: MethodMean},
			exact:  "16/2", value: "8", source: TrimNone, missings: "J2", small: true,
		},
		{
			name:   "ZeroIsAScore",
			scores: []string{"9", "0", "7"},
			opts:   AggregateOptions{Method: MethodMean, Decimals: ip(2)},
			exact:  "16/3", value: "5.33", source: TrimNone,
		},
		{
			name:   "HalfUpAtTheStatedPoint",
			scores: []string{"2.5", "2.85", "2.675", "2.675", "2.9"},
			opts:   AggregateOptions{Method: MethodMedian, Decimals: ip(2)},
			exact:  "2.675", value: "2.68", source: TrimNone,
		},
		{
			name:   "TrimZeroIsMean",
			scores: []string{"1", "2", "9"},
			opts:   AggregateOptions{Method: MethodTrimmedMean, Trim: ip(0)},
			exact:  "12/3", value: "4", source: TrimConfigured, rule: "按配置不去分",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := Aggregate(marksOf(t, c.scores...), c.opts)
			if err != nil {
				t.Fatalf("Aggregate error: %v", err)
			}
			if a.Exact.String() != c.exact {
				t.Errorf("Exact = %s; want %s", a.Exact, c.exact)
			}
			if a.Value.String() != d(c.value).String() {
				t.Errorf("Value = %s; want %s", a.Value, c.value)
			}
			if a.Trim != c.trim || a.TrimSource != c.source {
				t.Errorf("trim = %d (%s); want %d (%s)", a.Trim, a.TrimSource, c.trim, c.source)
			}
			if got := judgesOf(a.Low); got != c.low {
				t.Errorf("Low = %q; want %q", got, c.low)
			}
			if got := judgesOf(a.High); got != c.high {
				t.Errorf("High = %q; want %q", got, c.high)
			}
			if a.SmallPanel != c.small {
				t.Errorf("SmallPanel = %v; want %v", a.SmallPanel, c.small)
			}
			if got := strings.Join(a.Missing, " "); got != c.missings {
				t.Errorf("Missing = %q; want %q", got, c.missings)
			}
			if !strings.Contains(a.Rule(), c.rule) {
				t.Errorf("Rule() = %q; want it to contain %q", a.Rule(), c.rule)
			}
		})
	}
}

func judgesOf(marks []Mark) string {
	names := make([]string, len(marks))
	for i, m := range marks {
		names[i] = m.Judge
	}
	return strings.Join(names, " ")
}

func TestAggregate_Empty(t *testing.T) {
	a, err := Aggregate(marksOf(t, ".", "."), AggregateOptions{Method: MethodTrimmedMean})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Empty() || a.Result().Valid || a.N != 0 || len(a.Missing) != 2 {
		t.Errorf("all missing = %+v; want Empty with two missing judges", a)
	}
	if a.Rule() != "无人评分，不计算结果" {
		t.Errorf("Rule() = %q", a.Rule())
	}
}

func TestAggregate_Errors(t *testing.T) {
	marks := marksOf(t, "1", "2", "3")
	for _, c := range []struct {
		name  string
		marks []Mark
		opts  AggregateOptions
		want  string
	}{
		{"UnknownMethod", marks, AggregateOptions{Method: "average"}, "未知的汇总方法"},
		{"NegativeTrim", marks, AggregateOptions{Method: MethodTrimmedMean, Trim: ip(-1)}, "去分个数"},
		{"TooManyDecimals", marks, AggregateOptions{Method: MethodMean, Decimals: ip(7)}, "小数位数"},
		{"DuplicateJudge", []Mark{{Judge: "A", Score: Scored(d("1"))}, {Judge: "A"}}, AggregateOptions{Method: MethodMean}, "出现多次"},
		{"OutOfRange", marksOf(t, "1000001"), AggregateOptions{Method: MethodMean}, "超出允许范围"},
		{"DuplicateJudgeLargePanel", append(randomPanel(rand.New(rand.NewPCG(1, 1)), 40, 0), Mark{Judge: "J7"}), AggregateOptions{Method: MethodMean}, "出现多次"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Aggregate(c.marks, c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Aggregate error = %v; want one containing %q", err, c.want)
			}
		})
	}
}

func TestAggregate_ExplanationText(t *testing.T) {
	a, err := Aggregate(marksOf(t, "9", "5", "6", "8", "9"), AggregateOptions{Method: MethodTrimmedMean, Decimals: ip(2)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := a.Formula(), "(6 + 8 + 9) ÷ 3 = 23/3"; got != want {
		t.Errorf("Formula() = %q; want %q", got, want)
	}
	if got, want := a.RoundingStep(), "23/3 ≈ 7.666667，按 2 位小数四舍五入为 7.67"; got != want {
		t.Errorf("RoundingStep() = %q; want %q", got, want)
	}
	w, _ := Aggregate(marksOf(t, "1", "5", "6", "8", "20"), AggregateOptions{Method: MethodWinsorizedMean})
	if got, want := w.Formula(), "(5 + 5 + 6 + 8 + 8) ÷ 5 = 32/5"; got != want {
		t.Errorf("winsorized Formula() = %q; want %q", got, want)
	}
	if got, want := w.RoundingStep(), "32/5 = 6.4，无需舍入"; got != want {
		t.Errorf("RoundingStep() = %q; want %q", got, want)
	}
	u, _ := Aggregate(marksOf(t, "1", "2", "2"), AggregateOptions{Method: MethodMean})
	if got := u.RoundingStep(); !strings.Contains(got, "未规定小数位，按内部精度 6 位小数四舍五入为 1.666667") {
		t.Errorf("unstated RoundingStep() = %q", got)
	}
}

func TestPanelRuleTrim(t *testing.T) {
	want := map[int]int{0: 0, 1: 0, 2: 0, 3: 1, 9: 1, 10: 2, 14: 2, 15: 3, 40: 3}
	for n, k := range want {
		if got := PanelRuleTrim(n); got != k {
			t.Errorf("PanelRuleTrim(%d) = %d; want %d", n, got, k)
		}
	}
}

func TestProportionTrim(t *testing.T) {
	// 0.29 × 100 in float64 is 28.999999999999996 and floors to 28.
	for _, c := range []struct {
		p    string
		n    int
		want int
	}{{"0.29", 100, 29}, {"0.1", 12, 1}, {"0.2", 4, 0}, {"0.25", 4, 1}, {"0", 9, 0}} {
		got, err := ProportionTrim(d(c.p), c.n)
		if err != nil || got != c.want {
			t.Errorf("ProportionTrim(%s, %d) = %d, %v; want %d", c.p, c.n, got, err, c.want)
		}
	}
	if _, err := ProportionTrim(d("0.5"), 10); err == nil {
		t.Error("ProportionTrim(0.5) error = nil; want out of range")
	}
}

func TestParseMethod(t *testing.T) {
	for _, m := range []string{"mean", "median", "trimmed_mean", "winsorized_mean"} {
		if got, err := ParseMethod(m); err != nil || string(got) != m {
			t.Errorf("ParseMethod(%q) = %q, %v", m, got, err)
		}
	}
	if _, err := ParseMethod("Mean"); err == nil {
		t.Error(`ParseMethod("Mean") error = nil; names are exact`)
	}
}
