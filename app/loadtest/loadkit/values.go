package loadkit

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"

	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// Answers is a whole score sheet as the form sends it: one value per expert
// criterion and the overall comment (store.OverallCriterion), in the form
// the store keeps them.
type Answers map[string]store.SheetValue

// Form is the sheet's form with these answers and the version it showed.
func (a Answers) Form(version int64) url.Values {
	f := url.Values{"version": {strconv.FormatInt(version, 10)}}
	for id, v := range a {
		if id == store.OverallCriterion {
			f.Set("overall", v.Comment)
			continue
		}
		set := func(prefix, val string) {
			if val != "" {
				f.Set(prefix+id, val)
			}
		}
		set("points:", v.Points)
		set("grade:", v.Grade)
		set("veto:", v.Veto)
		set("reason:", v.VetoReason)
		set("comment:", v.Comment)
	}
	return f
}

// Equal reports whether two sheets hold the same answers; a criterion
// missing from one equals an empty answer in the other.
func (a Answers) Equal(b Answers) bool {
	for id, v := range a {
		w := b[id]
		v.CriterionID, w.CriterionID = "", ""
		if v != w {
			return false
		}
	}
	for id, w := range b {
		if _, ok := a[id]; !ok && !w.IsEmpty() {
			return false
		}
	}
	return true
}

// RandomAnswers fills every expert criterion of the stage with a valid
// answer: points on the step within [0, max], a grade with points in its
// band, "no" for a veto; seq goes into the comments so every save differs
// from the one before.
func RandomAnswers(rules *rubrics.Stage, rng *rand.Rand, seq int) Answers {
	out := Answers{}
	for _, cr := range rules.ExpertCriteria() {
		v := store.SheetValue{CriterionID: cr.ID}
		switch cr.Kind {
		case rubrics.KindPoints:
			v.Points = onStep(rng, rubrics.Decimal{}, cr.Max, cr.Step)
		case rubrics.KindGrades:
			g := cr.Grades[rng.IntN(len(cr.Grades))]
			v.Grade, v.Points = g.Label, onStep(rng, g.Min, g.Max, cr.Step)
		case rubrics.KindVeto:
			v.Veto = "no"
		}
		if rng.IntN(3) == 0 {
			v.Comment = fmt.Sprintf("第 %d 次保存：%s评分依据充分。", seq, cr.Name)
		}
		out[cr.ID] = v
	}
	out[store.OverallCriterion] = store.SheetValue{Comment: fmt.Sprintf("总体意见（第 %d 次保存）：材料翔实，特色鲜明。", seq)}
	return out
}

// onStep picks a value lo + k·step ≤ hi.
func onStep(rng *rand.Rand, lo, hi, step rubrics.Decimal) string {
	if step.IsZero() {
		return lo.String()
	}
	n := 0
	for v := lo; v.Add(step).Cmp(hi) <= 0; v = v.Add(step) {
		n++
	}
	v := lo
	for k := rng.IntN(n + 1); k > 0; k-- {
		v = v.Add(step)
	}
	return v.String()
}

// Vary returns a copy of a with changes of its answers drawn anew, as an
// expert edits a field or two between two autosaves (the sheet's script
// saves 2.5 s after the last keystroke). With a empty or changes ≤ 0 every
// answer is drawn anew: the whole sheet rewritten, the heaviest save.
func (a Answers) Vary(rules *rubrics.Stage, rng *rand.Rand, seq, changes int) Answers {
	fresh := RandomAnswers(rules, rng, seq)
	if len(a) == 0 || changes <= 0 || changes >= len(fresh) {
		return fresh
	}
	ids := make([]string, 0, len(fresh))
	for id := range fresh {
		ids = append(ids, id)
	}
	slices.Sort(ids) // map order is random; the seed must decide
	out := clone(a)
	for _, k := range rng.Perm(len(ids))[:changes] {
		out[ids[k]] = fresh[ids[k]]
	}
	return out
}
