package rubrics

import (
	"sort"
)

// groups checks a stage's 一级指标 and 二级指标 and the points rule: each
// group's max equals the sum of its criteria's maxima, and the criteria's
// maxima add up to StageTotal.
func (v *validator) groups(i int) {
	st := &v.r.Stages[i]
	p := index("stages", i) + ".groups"
	switch n := len(st.Groups); {
	case n == 0:
		v.addf(p, "至少需要一个一级指标", "at least one group (一级指标) is required")
		return
	case n > MaxGroups:
		v.addf(p, "一级指标数为 %d，上限 %d", "%d groups; the limit is %d", n, MaxGroups)
	}
	if n := len(st.Criteria()); n > MaxCriteria {
		v.addf(p, "二级指标数为 %d，上限 %d", "%d criteria; the limit is %d", n, MaxCriteria)
	}
	var total Decimal
	for g := range st.Groups {
		total = total.Add(v.group(i, g))
	}
	if total.Cmp(hundred) != 0 {
		v.addSum([]string{p}, p, "二级指标最高分之和为 %s，应为 %d", "the criteria's maxima add up to %s; they must add up to %d", total, StageTotal)
	}
}

// group checks one 一级指标 and returns the sum of its criteria's maxima.
func (v *validator) group(i, g int) Decimal {
	grp := &v.r.Stages[i].Groups[g]
	p := index(index("stages", i)+".groups", g)
	v.uniqueScoredID(p+".id", grp.ID)
	v.text(p+".name", grp.Name, true, MaxNameChars)
	v.text(p+".guidance", grp.Guidance, false, MaxTextChars)
	if len(grp.Criteria) == 0 {
		v.addf(p+".criteria", "至少需要一个二级指标", "at least one criterion (二级指标) is required")
	}
	var sum Decimal
	for c := range grp.Criteria {
		cr := &grp.Criteria[c]
		v.criterion(i, index(p+".criteria", c), cr)
		if cr.Kind != KindVeto {
			sum = sum.Add(cr.Max)
		}
	}
	switch {
	case grp.Max.Cmp(sum) == 0:
	case grp.Max.IsZero():
		v.addSum([]string{p}, p+".max", "缺少 max（二级指标最高分之和为 %s）", "max is missing (the criteria's maxima add up to %s)", sum)
	default:
		v.addSum([]string{p}, p+".max", "二级指标最高分之和为 %s，与一级指标最高分 %s 不一致", "the criteria's maxima add up to %s, not the group's max %s", sum, grp.Max)
	}
	return sum
}

// uniqueScoredID checks a group or criterion id, unique across the rubric.
func (v *validator) uniqueScoredID(p, id string) {
	v.id(p, id)
	if id == "" {
		return
	}
	if first, dup := v.scoredIDs[id]; dup {
		v.addf(p, "编号 %s 已在 %s 使用；一级、二级指标编号在整个细则中唯一", "id %s is already used at %s; group and criterion ids are unique in the rubric", id, first)
		return
	}
	v.scoredIDs[id] = p
}

func (v *validator) criterion(i int, p string, c *Criterion) {
	v.uniqueScoredID(p+".id", c.ID)
	v.text(p+".name", c.Name, true, MaxNameChars)
	v.text(p+".guidance", c.Guidance, false, MaxTextChars)
	switch c.Kind {
	case KindPoints:
		v.positiveMax(p, c)
		v.step(p, c)
	case KindGrades:
		v.positiveMax(p, c)
		if v.step(p, c) {
			v.grades(p, c)
		}
	case KindVeto:
		if !c.Max.IsZero() {
			v.addf(p+".max", "否决项不计分，不设 max", "a veto criterion gives no points; remove max")
		}
	case KindObjective:
		v.positiveMax(p, c)
		v.objective(i, p, c)
	case "":
		v.addf(p+".kind", "缺少 kind（可选 %s）", "kind is missing (one of %s)", quoted(Kinds))
		return
	default:
		v.addf(p+".kind", "指标类型“%s”无效，可选 %s", "unknown kind %q; use one of %s", c.Kind, quoted(Kinds))
		return
	}
	v.unused(p, c)
}

// unused reports settings that the criterion's kind does not use, so a
// misplaced key is not silently ignored.
func (v *validator) unused(p string, c *Criterion) {
	notFor := func(field string) {
		v.addf(p+"."+field, "%s 类指标不使用 %s", "%s criteria do not use %s", c.Kind, field)
	}
	if !c.Step.IsZero() && c.Kind != KindPoints && c.Kind != KindGrades {
		notFor("step")
	}
	if len(c.Grades) > 0 && c.Kind != KindGrades {
		notFor("grades")
	}
	if c.Kind != KindObjective {
		if c.Indicator != "" {
			notFor("indicator")
		}
		if len(c.Bands) > 0 {
			notFor("bands")
		}
		if c.Linear != nil {
			notFor("linear")
		}
	}
}

func (v *validator) positiveMax(p string, c *Criterion) {
	if c.Max.Sign() <= 0 {
		v.addf(p+".max", "最高分应大于 0", "max must be above 0")
	}
}

// step checks an expert criterion's step and that it divides the maximum;
// it reports whether the step is usable for further checks.
func (v *validator) step(p string, c *Criterion) bool {
	switch {
	case c.Step.IsZero():
		v.addf(p+".step", "缺少 step（如 0.5）", "step is missing (e.g. 0.5)")
		return false
	case c.Step.Sign() < 0:
		v.addf(p+".step", "步长 %s 应大于 0", "step %s must be above 0", c.Step)
		return false
	case c.Max.Sign() > 0 && !c.Max.IsMultipleOf(c.Step):
		v.addf(p+".step", "最高分 %s 不是步长 %s 的整数倍", "max %s is not a multiple of the step %s", c.Max, c.Step)
	}
	return true
}

// grades checks grade bands: at least two, labels unique, each band within
// [0, max] and on the step, no two bands overlapping.
func (v *validator) grades(p string, c *Criterion) {
	gp := p + ".grades"
	switch n := len(c.Grades); {
	case n < 2:
		v.addf(gp, "评等指标至少需要两个等级（如 优、良、中、差）", "a grades criterion needs at least two grades (e.g. 优 良 中 差)")
		return
	case n > MaxGrades:
		v.addf(gp, "等级数为 %d，上限 %d", "%d grades; the limit is %d", n, MaxGrades)
	}
	labels := make(map[string]bool, len(c.Grades))
	ok := true
	for j, g := range c.Grades {
		jp := index(gp, j)
		switch {
		case g.Label == "":
			v.addf(jp+".label", "等级名称不能为空", "the grade label must not be empty")
		case labels[g.Label]:
			v.addf(jp+".label", "等级“%s”重复", "grade %q is repeated", g.Label)
		}
		labels[g.Label] = true
		for _, end := range []struct {
			field string
			value Decimal
		}{{"min", g.Min}, {"max", g.Max}} {
			switch {
			case end.value.Sign() < 0 || end.value.Cmp(c.Max) > 0:
				v.addf(jp+"."+end.field, "等级“%s”的分数 %s 不在 0–%s 之内", "grade %q: %s lies outside 0–%s", g.Label, end.value, c.Max)
				ok = false
			case !end.value.IsMultipleOf(c.Step):
				v.addf(jp+"."+end.field, "等级“%s”的分数 %s 不在步长 %s 上", "grade %q: %s is not on the step %s", g.Label, end.value, c.Step)
			}
		}
		if g.Min.Cmp(g.Max) > 0 {
			v.addf(jp, "等级“%s”的下限 %s 高于上限 %s", "grade %q: min %s is above max %s", g.Label, g.Min, g.Max)
			ok = false
		}
	}
	if ok {
		v.gradeOverlaps(gp, c.Grades)
	}
}

// gradeOverlaps reports each pair of neighbouring bands that overlap.
func (v *validator) gradeOverlaps(gp string, grades []Grade) {
	order := make([]int, len(grades))
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool { return grades[order[a]].Min.Cmp(grades[order[b]].Min) < 0 })
	for k := 1; k < len(order); k++ {
		lo, hi := grades[order[k-1]], grades[order[k]]
		if hi.Min.Cmp(lo.Max) <= 0 {
			v.addf(index(gp, order[k]), "等级“%s”（%s–%s）与“%s”（%s–%s）的分数段重叠",
				"grade %q (%s–%s) overlaps %q (%s–%s)", hi.Label, hi.Min, hi.Max, lo.Label, lo.Min, lo.Max)
		}
	}
}

// objective checks the indicator reference and the formula.
func (v *validator) objective(i int, p string, c *Criterion) {
	st := &v.r.Stages[i]
	switch {
	case c.Indicator == "":
		v.addf(p+".indicator", "客观指标需要 indicator（本阶段 requirements.indicators 中的编号）", "an objective criterion needs indicator (an id from this stage's requirements.indicators)")
	case st.Indicator(c.Indicator) == nil:
		ids := make(map[string][]int, len(st.Requirements.Indicators))
		for _, ind := range st.Requirements.Indicators {
			ids[ind.ID] = nil
		}
		if guess := closestKey(c.Indicator, ids); guess != "" {
			v.addf(p+".indicator", "本阶段没有编号为 %s 的申报指标（是否应为 %s？）", "this stage has no indicator %s (did you mean %s?)", c.Indicator, guess)
		} else {
			v.addf(p+".indicator", "本阶段没有编号为 %s 的申报指标", "this stage has no indicator %s", c.Indicator)
		}
	}
	switch {
	case len(c.Bands) > 0 && c.Linear != nil:
		v.addf(p, "bands 与 linear 只能选一种", "use either bands or linear, not both")
	case len(c.Bands) > 0:
		v.bands(p+".bands", c)
	case c.Linear != nil:
		v.linear(p+".linear", c.Linear)
	default:
		v.addf(p, "客观指标需要 bands（分档）或 linear（线性）计分规则", "an objective criterion needs bands or linear")
	}
}

// bands checks that band starts increase strictly and points lie in [0, max].
func (v *validator) bands(p string, c *Criterion) {
	if len(c.Bands) > MaxBands {
		v.addf(p, "分档数为 %d，上限 %d", "%d bands; the limit is %d", len(c.Bands), MaxBands)
	}
	for j, b := range c.Bands {
		jp := index(p, j)
		if j > 0 && b.From.Cmp(c.Bands[j-1].From) <= 0 {
			v.addf(jp+".from", "分档起点 %s 应大于上一档的 %s", "band start %s must be above the previous %s", b.From, c.Bands[j-1].From)
		}
		if b.Points.Sign() < 0 || b.Points.Cmp(c.Max) > 0 {
			v.addf(jp+".points", "得分 %s 不在 0–%s 之内", "points %s lie outside 0–%s", b.Points, c.Max)
		}
	}
}

func (v *validator) linear(p string, l *Linear) {
	if l.ZeroAt.Cmp(l.FullAt) == 0 {
		v.addf(p+".full_at", "full_at 与 zero_at 相同（%s），无法计算", "full_at equals zero_at (%s)", l.FullAt)
	}
	v.decimals(p+".decimals", l.Decimals)
}
