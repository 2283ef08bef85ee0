package demo

import (
	"fmt"
	"hash/fnv"

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

// demoLeniency is how much higher (positive) or lower than the dossier's
// standing each demo expert scores, in thousandths of a criterion's
// maximum: most within a few tenths of a point, 王海涛 (expert07) visibly
// lenient and 冯国强 (expert11) visibly severe. Experts not listed score
// as the dossier stands.
var demoLeniency = map[string]int64{
	"expert01": 15, "expert02": -10, "expert03": 20, "expert04": -20, "expert05": 5, "expert06": -5,
	"expert07": 65, "expert08": -25, "expert09": 10, "expert10": -10, "expert11": -65, "expert12": 20,
	"expert13": -15, "expert14": 5, "expert15": -25, "expert16": 25, "expert17": 0, "expert18": -10,
}

// demoNoise is the widest per-score noise, in thousandths of the
// criterion's maximum, on either side.
const demoNoise = 50

// demoSheet says whose sheet demoValues fills and how.
type demoSheet struct {
	quality string // the dossier's standing, a share of every maximum
	dossier int64  // the dossier's id: the noise differs from dossier to dossier
	seat    int    // the expert's place on the dossier's panel (decides the comments)
	judge   string // the expert's username: the leniency follows the person
	// outlier is a criterion the expert scores half its maximum below the
	// dossier's standing (a planted 畸低 score).
	outlier string
	// draft fills only the first half of the criteria.
	draft bool
}

// demoValues is one expert's answers: every scored criterion at the
// dossier's standing, moved by the expert's leniency and by a noise of at
// most demoNoise thousandths of its maximum, on the criterion's step and
// within [0, max]. The noise is drawn from a hash of the dossier, the
// expert and the criterion, so the demo is the same on every load, and it
// is small enough that only a planted outlier is flagged 畸高/畸低.
func demoValues(rules *rubrics.Stage, s demoSheet) []store.SheetValue {
	share := rubrics.MustDecimal(s.quality).Micros()
	criteria := rules.ExpertCriteria()
	var out []store.SheetValue
	for k, cr := range criteria {
		if s.draft && k >= len(criteria)/2 {
			break
		}
		v := store.SheetValue{CriterionID: cr.ID}
		if (int(s.dossier)+s.seat+k)%3 == 0 {
			v.Comment = demoComments[(s.seat+k)%len(demoComments)]
		}
		if cr.Kind == rubrics.KindVeto {
			v.Veto = "no"
			out = append(out, v)
			continue
		}
		full, step := cr.Max.Micros(), cr.Step.Micros()
		offset := demoLeniency[s.judge] + demoJitter(s.dossier, s.judge, cr.ID) // thousandths of max
		if cr.ID == s.outlier {
			offset = -500
		}
		micros := full*share/1_000_000 + full*offset/1000
		steps := (micros + step/2) / step // to the nearest step, halves up
		if micros < 0 {
			steps = 0
		}
		steps = min(steps, full/step)
		points := stepsDecimal(steps, cr.Step)
		v.Points = points.String()
		for _, g := range cr.Grades {
			if points.Cmp(g.Min) >= 0 && points.Cmp(g.Max) <= 0 {
				v.Grade = g.Label
			}
		}
		out = append(out, v)
	}
	if !s.draft && s.seat%2 == 0 {
		out = append(out, store.SheetValue{CriterionID: store.OverallCriterion, Comment: "申报材料翔实，发展基础较好，建议进入实地考察。"})
	}
	return out
}

// demoJitter is a score's noise in thousandths of the criterion's maximum:
// in [−demoNoise, demoNoise], more often near 0 than at the ends (the sum of
// two uniform draws), fixed by the dossier, the expert and the criterion.
func demoJitter(dossier int64, judge, criterion string) int64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s/%s", dossier, judge, criterion)
	x := h.Sum64()
	const n = demoNoise + 1
	return int64(x%n) + int64((x>>32)%n) - demoNoise
}

// stepsDecimal is n steps as a decimal.
func stepsDecimal(n int64, step rubrics.Decimal) rubrics.Decimal {
	var d rubrics.Decimal
	for range n {
		d = d.Add(step)
	}
	return d
}
