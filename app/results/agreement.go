package results

import (
	"fmt"
	"slices"

	"chainjudge/scoring"
)

// AllJudgesPanel labels the one panel of a stage whose dossiers name none.
const AllJudgesPanel = "全体评委"

// agreement computes each panel's statistics on the judges' own totals
// (dossiers × judges of the panel; a judge who did not complete a dossier's
// sheet leaves a gap).
func (c *stageComputer) agreement() {
	if c.stage == nil {
		return
	}
	var labels []string
	members := map[string][]int{}
	for i, d := range c.out.Dossiers {
		label := d.Panel
		if label == "" {
			label = AllJudgesPanel
		}
		if _, ok := members[label]; !ok {
			labels = append(labels, label)
		}
		members[label] = append(members[label], i)
	}
	slices.Sort(labels)
	for _, label := range labels {
		idx := members[label]
		used := map[int]bool{}
		for _, i := range idx {
			for j, jt := range c.stage.Dossiers[i].JudgeTotals {
				if jt.Complete {
					used[j] = true
				}
			}
		}
		var cols []int
		for j := range c.out.Judges {
			if used[j] {
				cols = append(cols, j)
			}
		}
		matrix := make([][]scoring.NullDecimal, len(idx))
		for r, i := range idx {
			matrix[r] = make([]scoring.NullDecimal, len(cols))
			for k, j := range cols {
				if jt := c.stage.Dossiers[i].JudgeTotals[j]; jt.Complete {
					matrix[r][k] = scoring.Scored(jt.Total)
				}
			}
		}
		c.out.Panels = append(c.out.Panels, panelAgreement(label, matrix, len(cols)))
	}
}

// panelAgreement computes and reads one panel's statistics.
func panelAgreement(label string, matrix [][]scoring.NullDecimal, judges int) PanelAgreement {
	p := PanelAgreement{Label: label, Dossiers: len(matrix), Judges: judges}
	a, err := scoring.Agree(matrix)
	if err != nil {
		// Every row has one cell per judge by construction.
		p.Readings = []string{fmt.Sprintf("一致性统计无法计算：%v", err)}
		return p
	}
	if a.ICC.Valid {
		p.ICC2, p.ICC2k = nullFloat(a.ICC.ICC2), nullFloat(a.ICC.ICC2k)
	}
	if a.Kendall.Valid {
		w, pv := a.Kendall.W, a.Kendall.P
		p.KendallW, p.KendallP = &w, &pv
	}
	if a.Alpha.Valid {
		al := a.Alpha.Alpha
		p.Alpha = &al
	}
	p.Readings = a.Readings()
	if len(matrix) < 2 || judges < 2 {
		p.Readings = append(p.Readings, "本评审组材料或评委少于 2 个，一致性统计没有意义。")
	}
	return p
}

func nullFloat(f scoring.NullFloat) *float64 {
	if !f.Valid {
		return nil
	}
	v := f.Float64
	return &v
}
