package demo

import (
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// demoQuality is each dossier's standing with the panel, as a share of
// every criterion's maximum.
var demoQuality = []string{"0.8", "0.78", "0.7", "0.66", "0.74", "0.62", "0.7", "0.76"}

const (
	demoRecuseReason  = "本人近三年曾受聘为该申报核心区龙头企业的技术顾问，依规主动回避。"
	demoJustification = "现场了解到核心区与协同区尚未建立实际运行的联席会议机制，分工协作一项从严评分，特此说明。"
)

// demoComments are criterion comments the demo experts write.
var demoComments = []string{
	"主导产业地标特征明显，在全国具有较高辨识度。",
	"链主企业对本地配套企业的订单和技术带动作用较强。",
	"核心区牵头有力，协同区分工定位清晰。",
	"关键技术攻关清单具体，部分项目已取得突破。",
	"",
	"“八个一”机制基本齐备，供需对接平台运行有待加强。",
}

// demoValues is one expert's answers: every scored criterion near quality q
// of its maximum, varied by at most one step so no score stands out by
// chance (the first two dossiers vary only upwards, so their planted
// outlier is the only one), and the outlier criterion far below. A draft
// fills only the first half of the criteria.
func demoValues(rules *rubrics.Stage, q string, dossier, expert int, outlier string, draft bool) []store.SheetValue {
	share := rubrics.MustDecimal(q)
	criteria := rules.ExpertCriteria()
	var out []store.SheetValue
	for k, cr := range criteria {
		if draft && k >= len(criteria)/2 {
			break
		}
		v := store.SheetValue{CriterionID: cr.ID}
		if (dossier+expert+k)%3 == 0 {
			v.Comment = demoComments[(expert+k)%len(demoComments)]
		}
		if cr.Kind == rubrics.KindVeto {
			v.Veto = "no"
			out = append(out, v)
			continue
		}
		steps := cr.Max.Micros() * share.Micros() / 1_000_000 / cr.Step.Micros() // q × max, in whole steps
		wobble := int64((dossier*7+expert*3+k*5)%3) - 1                          // −1, 0 or +1 step
		if dossier < 2 && wobble < 0 {
			wobble = 0
		}
		if cr.ID == outlier {
			wobble = -8 // four points below on a 0.5 step
		}
		top := cr.Max.Micros() / cr.Step.Micros()
		steps = max(0, min(top, steps+wobble))
		points := stepsDecimal(steps, cr.Step)
		v.Points = points.String()
		for _, g := range cr.Grades {
			if points.Cmp(g.Min) >= 0 && points.Cmp(g.Max) <= 0 {
				v.Grade = g.Label
			}
		}
		out = append(out, v)
	}
	if !draft && expert%2 == 0 {
		out = append(out, store.SheetValue{CriterionID: store.OverallCriterion, Comment: "申报材料翔实，发展基础较好，建议进入实地考察。"})
	}
	return out
}

// stepsDecimal is n steps as a decimal.
func stepsDecimal(n int64, step rubrics.Decimal) rubrics.Decimal {
	var d rubrics.Decimal
	for range n {
		d = d.Add(step)
	}
	return d
}
