package rubrics

import (
	"fmt"
	"math/big"
	"strings"
)

// Summary describes the rubric in a screenful of Chinese: the stages with
// their weight or gate, criteria counts by kind, points, panel and
// aggregation, advancement and tie-breaks, then how the final score and
// the selection are formed. `chainjudge rubric check` prints it.
func (r *Rubric) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s（版本 %s，编号 %s）\n", r.Name, r.Version, r.ID)
	fmt.Fprintf(&b, "哈希 %s\n", r.Hash())
	for i := range r.Stages {
		r.writeStage(&b, i)
	}
	var parts []string
	for _, st := range r.Stages {
		if st.Weighted() {
			parts = append(parts, fmt.Sprintf("%s %s%%", st.Name, r.share(st.Weight)))
		}
	}
	fmt.Fprintf(&b, "总分：%s，保留 %d 位小数\n", strings.Join(parts, " + "), r.Final.Decimals)
	fmt.Fprintf(&b, "入选：%s\n", r.Final.Selection.describe())
	if len(r.Final.TieBreak) > 0 {
		fmt.Fprintf(&b, "同分：%s\n", r.describeTieBreaks(r.Final.TieBreak))
	}
	return b.String()
}

func (r *Rubric) writeStage(b *strings.Builder, i int) {
	st := &r.Stages[i]
	mode := st.Mode.Label()
	if st.Weighted() {
		mode = fmt.Sprintf("计入总分 %s%%", r.share(st.Weight))
	}
	fmt.Fprintf(b, "阶段 %d  %s  %s —— %s\n", i+1, st.ID, st.Name, mode)

	counts := make(map[Kind]int)
	var points Decimal
	for _, c := range st.Criteria() {
		counts[c.Kind]++
		if c.Kind != KindVeto {
			points = points.Add(c.Max)
		}
	}
	var kinds []string
	for _, k := range Kinds {
		if counts[k] > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d", k.Label(), counts[k]))
		}
	}
	fmt.Fprintf(b, "  指标：一级 %d 个，二级 %d 个（%s），满分 %s\n", len(st.Groups), len(st.Criteria()), strings.Join(kinds, "、"), points)

	blind := "不盲评"
	if st.BlindReview {
		blind = "盲评"
	}
	drop := fmt.Sprintf("按评委人数规则 %d 人时每端去掉 %d 个", st.ExpertsPerDossier, panelRuleDrop(st.ExpertsPerDossier))
	switch {
	case !st.Aggregation.Method.Drops():
		drop = "不去分"
	case st.Aggregation.Drop != nil:
		drop = fmt.Sprintf("每端去掉 %d 个", *st.Aggregation.Drop)
	}
	fmt.Fprintf(b, "  评审：每份 %d 名专家，%s；%s，%s，保留 %d 位小数；畸高畸低：修正 z 值绝对值 > %s（MAD 为 0 时偏离中位数达满分的 %s%%）\n",
		st.ExpertsPerDossier, blind, st.Aggregation.Method.Label(), drop, st.Aggregation.Decimals, st.Outliers.ModifiedZ, percent(st.Outliers.MADZeroShare))
	if st.Advancement != nil {
		fmt.Fprintf(b, "  晋级：%s\n", st.Advancement.describe())
	}
	if len(st.TieBreak) > 0 {
		fmt.Fprintf(b, "  同分：%s\n", r.describeTieBreaks(st.TieBreak))
	}
	if req := st.Requirements.describe(); req != "" {
		fmt.Fprintf(b, "  申报材料：%s\n", req)
	}
}

// share returns a stage weight as a percentage of all weights, e.g. "30"
// or "33.33".
func (r *Rubric) share(w Decimal) string {
	total := r.WeightTotal()
	if total.Sign() <= 0 {
		return "?"
	}
	pct := new(big.Rat).SetFrac64(w.micros, total.micros)
	pct.Mul(pct, big.NewRat(100, 1))
	s := pct.FloatString(2)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// describe states an advancement rule in Chinese.
func (a *Advancement) describe() string {
	var parts []string
	if !a.Threshold.IsZero() {
		parts = append(parts, fmt.Sprintf("不低于 %s 分", a.Threshold))
	}
	if a.TopNPerGroup > 0 {
		parts = append(parts, fmt.Sprintf("每个%s至多 %d 个", a.GroupBy.Label(), a.TopNPerGroup))
	}
	if a.TopN > 0 {
		parts = append(parts, fmt.Sprintf("前 %d 名", a.TopN))
	}
	if a.ExcludeBoundaryTies {
		parts = append(parts, "末位同分且无法区分时均不晋级")
	} else {
		parts = append(parts, "末位同分且无法区分时均晋级")
	}
	return strings.Join(parts, "；")
}

func (r *Rubric) describeTieBreaks(rules []TieBreak) string {
	labels := make([]string, len(rules))
	for i, t := range rules {
		labels[i] = r.TieBreakLabel(t)
	}
	return strings.Join(labels, " → ")
}

// TieBreakLabel describes a tie-break rule in Chinese with the names of what
// it refers to, e.g. "一级指标 A4 先进性与创新、智造能力 小计" or
// "申报评审得分", for summaries and calculation sheets.
func (r *Rubric) TieBreakLabel(t TieBreak) string {
	for i := range r.Stages {
		st := &r.Stages[i]
		switch {
		case t.Kind == TieStage && st.ID == t.Ref:
			return st.Name + "得分"
		case t.Kind == TieGroup && st.Group(t.Ref) != nil:
			return fmt.Sprintf("一级指标 %s %s 小计", t.Ref, st.Group(t.Ref).Name)
		case t.Kind == TieCriterion && st.Criterion(t.Ref) != nil:
			return fmt.Sprintf("二级指标 %s %s 得分", t.Ref, st.Criterion(t.Ref).Name)
		}
	}
	return t.Label()
}

// describe counts what the applicant supplies.
func (req *Requirements) describe() string {
	var parts []string
	if n := len(req.Indicators); n > 0 {
		parts = append(parts, fmt.Sprintf("指标 %d 项", n))
	}
	if n := len(req.Sections); n > 0 {
		parts = append(parts, fmt.Sprintf("文字 %d 节", n))
	}
	if c := req.LeadEnterprises; c != nil {
		parts = append(parts, fmt.Sprintf("龙头企业 %d–%d 家", c.Min, c.Max))
	}
	if c := req.KeyProjects; c != nil {
		parts = append(parts, fmt.Sprintf("重点项目 %d–%d 个", c.Min, c.Max))
	}
	if n := len(req.Attachments); n > 0 {
		parts = append(parts, fmt.Sprintf("附件 %d 个", n))
	}
	return strings.Join(parts, "，")
}

// percent formats a share such as 0.2 as "20".
func percent(share Decimal) string {
	return Decimal{share.micros * 100}.String()
}

// panelRuleDrop is the scoring engine's default drop count per end for a
// panel of n (scoring.PanelRuleTrim, restated in PanelRuleText); the summary
// uses it to say what the rule means for the stage's panel size.
func panelRuleDrop(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 9:
		return 1
	case n <= 14:
		return 2
	}
	return 3
}
