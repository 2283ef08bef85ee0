package scoring

import (
	"strings"
	"testing"
)

var fiveJudges = []string{"J1", "J2", "J3", "J4", "J5"}

// threeCriteria: C1 weight 1, C2 weight 2, C3 weight 0.5 on a 0–20 scale;
// trimmed mean by the panel rule, two decimals at both rounding points.
func threeCriteria() []Criterion {
	agg := AggregateOptions{Method: MethodTrimmedMean, Decimals: ip(2)}
	return []Criterion{
		{ID: "C1", Name: "集聚性", Max: d("10"), Weight: d("1"), Aggregate: agg},
		{ID: "C2", Name: "根植性", Max: d("10"), Weight: d("2"), Aggregate: agg},
		{ID: "C3", Name: "先进性", Max: d("20"), Weight: d("0.5"), Aggregate: agg},
	}
}

func TestScoreDossier_HandComputed(t *testing.T) {
	// C1: 9 5 6 8 9 → drop 5 and one 9 → 23/3 → 7.67 × 1 = 7.67
	// C2: 7 7 8 6 10 → drop 6 and 10 → 22/3 → 7.33 × 2 = 14.66
	// C3: 15 16 14 — 18 → 4 scores, drop 14 and 18 → 15.5 × 0.5 = 7.75
	// Total 30.08. Judges' own totals: J1 9+14+7.5 = 30.5, J2 27, J3 29,
	// J4 incomplete, J5 38 → trimmed mean of 27, 29, 30.5, 38 = 29.75.
	scores := [][]NullDecimal{
		matrix(t, "9 5 6 8 9")[0],
		matrix(t, "7 7 8 6 10")[0],
		matrix(t, "15 16 14 . 18")[0],
	}
	tot, err := ScoreDossier(fiveJudges, threeCriteria(), scores, TotalOptions{Decimals: ip(2)})
	if err != nil {
		t.Fatal(err)
	}
	wantPoints := []string{"7.67", "14.66", "7.75"}
	for i, c := range tot.Criteria {
		if c.Points.String() != wantPoints[i] {
			t.Errorf("%s points = %s; want %s", c.Criterion, c.Points, wantPoints[i])
		}
	}
	if !tot.Complete || tot.Total.String() != "30.08" || tot.Result() != Scored(d("30.08")) {
		t.Errorf("total = %s (complete %v); want 30.08", tot.Total, tot.Complete)
	}
	wantJudge := []string{"30.5", "27", "29", "-", "38"}
	for j, jt := range tot.JudgeTotals {
		got := jt.Total.String()
		if !jt.Complete {
			got = "-"
		}
		if got != wantJudge[j] {
			t.Errorf("%s own total = %s; want %s", jt.Judge, got, wantJudge[j])
		}
	}
	if tot.JudgeTotalsMean.Value.String() != "29.75" || tot.JudgeTotalsMedian.String() != "29.75" {
		t.Errorf("judge totals mean %s median %s; want 29.75, 29.75", tot.JudgeTotalsMean.Value, tot.JudgeTotalsMedian)
	}
	if strings.Join(tot.JudgeTotalsMean.Missing, ",") != "J4" {
		t.Errorf("judge totals missing = %v; want J4", tot.JudgeTotalsMean.Missing)
	}
	steps := strings.Join(tot.Criteria[1].Steps(), "\n")
	for _, want := range []string{
		"评委 5 人，去掉 1 个最高分和 1 个最低分",
		"去掉的最低分：J4 6；去掉的最高分：J5 10",
		"(7 + 7 + 8) ÷ 3 = 22/3",
		"22/3 ≈ 7.333333，按 2 位小数四舍五入为 7.33",
		"7.33 × 权重 2 = 14.66，按 2 位小数四舍五入为 14.66",
		"本项得分：14.66",
	} {
		if !strings.Contains(steps, want) {
			t.Errorf("Steps() lacks %q:\n%s", want, steps)
		}
	}
	if s := strings.Join(tot.Criteria[2].Steps(), "\n"); !strings.Contains(s, "未评分的评委：J4（不按零分计）") {
		t.Errorf("C3 steps do not mention the missing judge:\n%s", s)
	}
}

func TestScoreDossier_RoundingOrder(t *testing.T) {
	// Each criterion's median is 1.005. Rounded per criterion: 1.01 + 1.01 =
	// 2.02; rounding only the sum would give 2.01. The rule rounds per criterion.
	crit := []Criterion{
		{ID: "A", Weight: d("1"), Aggregate: AggregateOptions{Method: MethodMedian, Decimals: ip(2)}},
		{ID: "B", Weight: d("1"), Aggregate: AggregateOptions{Method: MethodMedian, Decimals: ip(2)}},
	}
	scores := [][]NullDecimal{matrix(t, "1 1.005 2")[0], matrix(t, "1 1.005 2")[0]}
	tot, err := ScoreDossier([]string{"J1", "J2", "J3"}, crit, scores, TotalOptions{Decimals: ip(2)})
	if err != nil {
		t.Fatal(err)
	}
	if tot.Total.String() != "2.02" {
		t.Errorf("total = %s; want 2.02 (round per criterion, then sum)", tot.Total)
	}
	// Second rounding point: 8.35 × 0.3 = 2.505 → 2.51.
	crit = []Criterion{{ID: "A", Weight: d("0.3"), Aggregate: AggregateOptions{Method: MethodMean, Decimals: ip(2)}}}
	tot, _ = ScoreDossier([]string{"J1", "J2"}, crit, [][]NullDecimal{matrix(t, "8.3 8.4")[0]}, TotalOptions{Decimals: ip(2)})
	if tot.Criteria[0].Weighted.String() != "2.51" {
		t.Errorf("8.35 × 0.3 = %s; want 2.51", tot.Criteria[0].Weighted)
	}
}

func TestScoreDossier_CapAndErrors(t *testing.T) {
	crit := []Criterion{{ID: "A", Max: d("10"), Weight: d("1"), Cap: d("8"), Aggregate: AggregateOptions{Method: MethodMean}}}
	tot, err := ScoreDossier([]string{"J1", "J2", "J3"}, crit, [][]NullDecimal{matrix(t, "9 9 9")[0]}, TotalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c := tot.Criteria[0]; !c.Capped || c.Points.String() != "8" || tot.Total.String() != "8" {
		t.Errorf("capped = %v, points %s; want capped at 8", c.Capped, c.Points)
	}
	if s := strings.Join(tot.Criteria[0].Steps(), "\n"); !strings.Contains(s, "9 超过本项上限 8，按 8 计") {
		t.Errorf("Steps() lacks the cap:\n%s", s)
	}

	tot, err = ScoreDossier([]string{"J1", "J2"}, threeCriteria()[:2], [][]NullDecimal{matrix(t, "9 8")[0], matrix(t, ". .")[0]}, TotalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tot.Complete || tot.Result().Valid || strings.Join(tot.Unscored, ",") != "C2" {
		t.Errorf("unscored criterion: complete %v, unscored %v; want incomplete with C2", tot.Complete, tot.Unscored)
	}

	for _, c := range []struct {
		name   string
		judges []string
		crit   []Criterion
		scores [][]NullDecimal
		want   string
	}{
		{"AboveMax", []string{"J1"}, threeCriteria()[:1], [][]NullDecimal{matrix(t, "10.5")[0]}, "超过满分 10"},
		{"WrongRowLength", []string{"J1", "J2"}, threeCriteria()[:1], [][]NullDecimal{matrix(t, "1")[0]}, "1 values for 2 judges"},
		{"WrongCriteriaCount", []string{"J1"}, threeCriteria()[:2], [][]NullDecimal{matrix(t, "1")[0]}, "1 criteria for 2"},
		{"ZeroWeight", []string{"J1"}, []Criterion{{ID: "A", Aggregate: AggregateOptions{Method: MethodMean}}}, nil, "权重"},
		{"DuplicateJudge", []string{"J1", "J1"}, threeCriteria()[:1], nil, "重复"},
		{"DuplicateCriterion", []string{"J1"}, append(threeCriteria()[:1], threeCriteria()[0]), nil, "重复"},
		{"NoCriteria", []string{"J1"}, nil, nil, "指标个数"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ScoreDossier(c.judges, c.crit, c.scores, TotalOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v; want one containing %q", err, c.want)
			}
		})
	}
}
