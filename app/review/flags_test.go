package review

import (
	"testing"

	"chainjudge/app/store"
	"chainjudge/rubrics"
)

func TestComputeFlags_ModifiedZAndShareOfMax(t *testing.T) {
	r, _ := rubrics.Default()
	rules := r.Stage("apply")
	rows := func(criterion string, values ...string) []store.ScoreRow {
		var out []store.ScoreRow
		for i, v := range values {
			out = append(out, store.ScoreRow{ExpertID: int64(i + 1), CriterionID: criterion, Value: v})
		}
		return out
	}
	var all []store.ScoreRow
	all = append(all, rows("A1.4", "7", "7.5", "6.5", "7", "1")...)   // MAD 0.5: the 1 is far out (M ≈ −8.1)
	all = append(all, rows("A3.3", "5", "5", "5", "0.5", "5.5")...)   // MAD 0: 4.5 ≥ 20 % of 6
	all = append(all, rows("A4.4", "4", "4.5", "3.5", "4", "4.5")...) // nothing unusual
	all = append(all, store.ScoreRow{ExpertID: 1, CriterionID: "A6.1", Vetoed: true})
	flags, err := ComputeFlags(rules, all)
	if err != nil {
		t.Fatal(err)
	}
	if len(flags) != 2 {
		t.Fatalf("flags = %+v; want two", flags)
	}
	if f := flags[0]; f.CriterionID != "A1.4" || f.ExpertID != 5 || f.Direction != "low" || f.Score != "1" {
		t.Errorf("first flag = %+v; want expert 5 low on A1.4", f)
	}
	if f := flags[1]; f.CriterionID != "A3.3" || f.ExpertID != 4 || f.RuleText == "" || f.Explanation == "" {
		t.Errorf("second flag = %+v; want expert 4 on A3.3 with the rule explained", f)
	}
}
