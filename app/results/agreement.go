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
	if !a.ICC.Valid {
		if icc, ok := oneWayICC(matrix); ok {
			p.ICC1, p.ICC1k = nullFloat(icc.ICC1), nullFloat(icc.ICC1k)
			p.Readings[0] = fmt.Sprintf("各申报由抽取的不同评委评分（每份 %d 位），ICC 按单向随机模型计算：ICC(1,1) = %s：单个评委打分的一致性%s；"+
				"ICC(1,k) = %s：%d 位评委平均分的可信度%s（Koo & Li 2016：< 0.5 较差，0.5–0.75 中等，0.75–0.9 良好，> 0.9 优秀）。"+
				"复算：把每份申报的 %d 个分数作为一行输入 chainjudge score，取其 ICC1 与 ICC1k",
				icc.K, iccText(icc.ICC1), iccLevel(icc.ICC1), iccText(icc.ICC1k), icc.K, iccLevel(icc.ICC1k), icc.K)
		}
	}
	if len(matrix) < 2 || judges < 2 {
		p.Readings = append(p.Readings, "本评审组材料或评委少于 2 个，一致性统计没有意义。")
	}
	return p
}

// oneWayICC computes the one-way ICC forms of a panel whose dossiers were
// each scored by a subset of its judges: each dossier's scores, whoever
// gave them, as one row. The one-way model takes each dossier's judges as
// drawn at random, which a random draw makes true; it needs every dossier
// scored by the same number of judges (at least 2) and 2 dossiers.
func oneWayICC(matrix [][]scoring.NullDecimal) (scoring.ICC, bool) {
	rows := make([][]scoring.NullDecimal, 0, len(matrix))
	k := -1
	for _, row := range matrix {
		var scores []scoring.NullDecimal
		for _, v := range row {
			if v.Valid {
				scores = append(scores, v)
			}
		}
		if k >= 0 && len(scores) != k {
			return scoring.ICC{}, false
		}
		k = len(scores)
		rows = append(rows, scores)
	}
	if len(rows) < 2 || k < 2 {
		return scoring.ICC{}, false
	}
	icc := scoring.ComputeICC(rows)
	return icc, icc.Valid && icc.ICC1.Valid
}

func iccText(f scoring.NullFloat) string {
	if !f.Valid {
		return "—"
	}
	return fmt.Sprintf("%.2f", f.Float64)
}

func iccLevel(f scoring.NullFloat) string {
	if !f.Valid {
		return "无法判断"
	}
	return scoring.ICCLevel(f.Float64)
}

func nullFloat(f scoring.NullFloat) *float64 {
	if !f.Valid {
		return nil
	}
	v := f.Float64
	return &v
}
