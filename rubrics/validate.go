package rubrics

import (
	"regexp"
	"unicode/utf8"
)

// Limits that keep a rubric within what the forms and reports can show.
const (
	// MaxStages bounds the number of stages.
	MaxStages = 10
	// MaxGroups bounds the 一级指标 of one stage.
	MaxGroups = 50
	// MaxCriteria bounds the 二级指标 of one stage.
	MaxCriteria = 200
	// MaxGrades bounds the grades of one criterion.
	MaxGrades = 10
	// MaxBands bounds the bands of one objective criterion.
	MaxBands = 50
	// MaxRequirements bounds a stage's indicators, sections and attachments, each.
	MaxRequirements = 200
	// MaxExperts bounds experts_per_dossier.
	MaxExperts = 100
	// MaxListCount bounds the max of lead_enterprises and key_projects.
	MaxListCount = 1000
	// MaxNameChars bounds names, titles and versions, in characters.
	MaxNameChars = 200
	// MaxUnitChars bounds an indicator's unit.
	MaxUnitChars = 20
	// MaxTextChars bounds descriptions, guidance, help and veto reasons.
	MaxTextChars = 5000
	// MaxSectionChars bounds a narrative section's max_chars.
	MaxSectionChars = 100_000
)

// idRE is the form of every id: a letter, then letters, digits, ".", "_" or
// "-"; ids are keys in the database and in URLs, so no spaces or Chinese.
var idRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,39}$`)

var hundred = MustDecimal("100")

// Validate checks a rubric as a whole and returns every problem, each with
// its Path (no file positions: use Parse for a file). It returns nil for a
// valid rubric. The rules are listed in docs/RUBRICS.md.
func Validate(r *Rubric) Problems {
	if r == nil {
		return Problems{{Message: "评分细则为空", English: "the rubric is nil"}}
	}
	return validate(r).problems
}

// validate runs the validator; Parse also uses the sums' scopes.
func validate(r *Rubric) *validator {
	v := &validator{r: r, scoredIDs: make(map[string]string), stageAt: make(map[string]int), scopes: make(map[int][]string)}
	v.rubric()
	return v
}

// validator walks a rubric collecting problems.
type validator struct {
	r        *Rubric
	problems Problems
	// scoredIDs maps each group and criterion id to the path that first used
	// it; they are unique across the whole rubric so references need no
	// stage prefix.
	scoredIDs map[string]string
	// stageAt maps each stage id to its index.
	stageAt map[string]int
	// scopes maps the index of a problem about a sum to the paths of the
	// values summed. A value that failed to decode makes the sum meaningless,
	// so Parse drops such a problem when a scope holds a decoding failure.
	scopes map[int][]string
}

func (v *validator) addf(path, zh, en string, args ...any) { v.problems.addf(path, zh, en, args...) }

// addSum records a problem about a sum over the values at scopes.
func (v *validator) addSum(scopes []string, path, zh, en string, args ...any) {
	if v.problems.full() {
		return
	}
	v.scopes[len(v.problems)] = scopes
	v.problems.addf(path, zh, en, args...)
}

func (v *validator) rubric() {
	r := v.r
	switch r.Schema {
	case SchemaVersion:
	case 0:
		v.addf("schema", "缺少 schema（应为 %d）", "schema is missing (should be %d)", SchemaVersion)
	default:
		v.addf("schema", "schema 为 %d，本程序只支持 %d", "schema is %d; only %d is supported", r.Schema, SchemaVersion)
	}
	v.id("id", r.ID)
	v.text("name", r.Name, true, MaxNameChars)
	v.text("version", r.Version, true, MaxNameChars)
	v.text("description", r.Description, false, MaxTextChars)

	switch n := len(r.Stages); {
	case n == 0:
		v.addf("stages", "至少需要一个阶段", "at least one stage is required")
	case n > MaxStages:
		v.addf("stages", "阶段数为 %d，上限 %d", "%d stages; the limit is %d", n, MaxStages)
	}
	// Ids first, so that tie-break references to later stages are recognised
	// as "later" rather than "unknown".
	for i := range r.Stages {
		p := index("stages", i)
		id := r.Stages[i].ID
		if _, dup := v.stageAt[id]; dup && id != "" {
			v.addf(p+".id", "阶段编号 %s 重复", "duplicate stage id %s", id)
			continue
		}
		v.stageAt[id] = i
	}
	for i := range r.Stages {
		v.stage(i)
	}
	v.weights()
	v.final()
}

// weights checks the rule for the final score: at least one weighted stage,
// and the weights of the weighted stages add up to exactly 100 (percent) or
// exactly 1 (fractions).
func (v *validator) weights() {
	var sum Decimal
	weighted := 0
	var scopes []string
	for i, st := range v.r.Stages {
		if st.Mode != ModeWeighted && st.Mode != ModeGate {
			return // the stage's mode is already reported; the sum would mislead
		}
		scopes = append(scopes, index("stages", i)+".weight", index("stages", i)+".mode")
		if st.Mode == ModeWeighted {
			sum = sum.Add(st.Weight)
			weighted++
		}
	}
	if len(v.r.Stages) == 0 {
		return
	}
	if weighted == 0 {
		v.addSum(scopes, "stages", "没有计入总分的阶段：至少一个阶段应为 mode: weighted", "no stage counts towards the final score: at least one needs mode: weighted")
		return
	}
	if sum.Cmp(hundred) != 0 && sum.Cmp(MustDecimal("1")) != 0 {
		v.addSum(scopes, "stages", "计入总分的阶段权重之和为 %s，应为 100（或 1）", "the weights of the weighted stages add up to %s; they must add up to 100 (or 1)", sum)
	}
}

func (v *validator) final() {
	f := v.r.Final
	v.decimals("final.decimals", f.Decimals)
	v.advancement("final.selection", &f.Selection)
	if n := len(v.r.Stages); n > 0 {
		v.narrowing("final.selection", f.Selection.TopN, n)
	}
	v.tieBreaks("final.tie_break", f.TieBreak, len(v.r.Stages))
}

func (v *validator) stage(i int) {
	st := &v.r.Stages[i]
	p := index("stages", i)
	v.id(p+".id", st.ID)
	v.text(p+".name", st.Name, true, MaxNameChars)
	v.text(p+".description", st.Description, false, MaxTextChars)

	switch st.Mode {
	case ModeWeighted:
		if st.Weight.Sign() <= 0 {
			v.addf(p+".weight", "计入总分的阶段需要大于 0 的 weight", "a weighted stage needs a weight above 0")
		}
	case ModeGate:
		if !st.Weight.IsZero() {
			v.addf(p+".weight", "mode 为 gate 的阶段只作晋级门槛，不设 weight", "a gate stage only decides who goes on and takes no weight")
		}
	case "":
		v.addf(p+".mode", "缺少 mode（weighted 计入总分，或 gate 仅作门槛）", "mode is missing (weighted or gate)")
	default:
		v.addf(p+".mode", "mode “%s”无效，应为 weighted 或 gate", "mode %q is invalid; use weighted or gate", st.Mode)
	}

	v.groups(i)
	v.panel(i)
	v.aggregation(p+".aggregation", st)
	v.outliers(p+".outliers", st.Outliers)

	last := i == len(v.r.Stages)-1
	switch {
	case last && st.Advancement != nil:
		v.addf(p+".advancement", "最后一个阶段不设 advancement，入选规则写在 final.selection", "the last stage takes no advancement; put the selection rule in final.selection")
	case !last && st.Advancement == nil:
		v.addf(p+".advancement", "缺少 advancement：需说明哪些申报进入下一阶段", "advancement is missing: say who goes on to the next stage")
	case st.Advancement != nil:
		v.advancement(p+".advancement", st.Advancement)
		v.narrowing(p+".advancement", st.Advancement.TopN, i)
	}
	v.tieBreaks(p+".tie_break", st.TieBreak, i)
	v.requirements(p+".requirements", &st.Requirements)
}

// panel checks the panel size against the criteria experts score.
func (v *validator) panel(i int) {
	st := &v.r.Stages[i]
	p := index("stages", i) + ".experts_per_dossier"
	experts := false
	for _, c := range st.Criteria() {
		experts = experts || c.Kind.ScoredByExperts()
	}
	switch n := st.ExpertsPerDossier; {
	case n < 0 || n > MaxExperts:
		v.addf(p, "每份材料的专家人数 %d 应在 1–%d 之间", "experts per dossier %d must be 1–%d", n, MaxExperts)
	case n == 0 && experts:
		v.addf(p, "本阶段有专家评分的指标，每份材料至少需要 1 名专家", "this stage has expert-scored criteria and needs at least 1 expert per dossier")
	}
}

func (v *validator) aggregation(p string, st *Stage) {
	a := st.Aggregation
	switch {
	case a.Method == "":
		v.addf(p+".method", "缺少 method（可选 %s）", "method is missing (one of %s)", quoted(Methods))
	case !oneOf(a.Method, Methods):
		v.addf(p+".method", "汇总方法“%s”无效，可选 %s", "unknown aggregation method %q; use one of %s", a.Method, quoted(Methods))
	}
	if a.Drop != nil {
		k := *a.Drop
		switch {
		case a.Method != "" && !a.Method.Drops():
			v.addf(p+".drop", "%s 不去分，不应设置 drop", "%s drops no scores; remove drop", a.Method)
		case k < 1:
			v.addf(p+".drop", "drop 应为正整数；不去分请用 method: mean", "drop must be a positive whole number; use method: mean to drop nothing")
		case st.ExpertsPerDossier > 0 && st.ExpertsPerDossier < 2*k+1:
			v.addf(p+".drop", "每端去掉 %d 个分数至少需要 %d 名专家，本阶段每份材料只有 %d 名",
				"dropping %d scores at each end needs at least %d experts; this stage has %d per dossier",
				k, 2*k+1, st.ExpertsPerDossier)
		}
	}
	v.decimals(p+".decimals", a.Decimals)
}

func (v *validator) outliers(p string, o OutlierRule) {
	if o.ModifiedZ.Sign() <= 0 {
		v.addf(p+".modified_z", "modified_z 应大于 0（常用 3.5）", "modified_z must be above 0 (3.5 is usual)")
	}
	if o.MADZeroShare.Sign() <= 0 || o.MADZeroShare.Cmp(MustDecimal("1")) > 0 {
		v.addf(p+".mad_zero_share", "mad_zero_share 应在 0 与 1 之间（如 0.2 表示该指标满分的 20%%）", "mad_zero_share must be above 0 and at most 1 (0.2 means 20%% of the criterion's maximum)")
	}
}

// advancement checks one advancement or selection rule.
func (v *validator) advancement(p string, a *Advancement) {
	if a.TopN == 0 && a.Threshold.IsZero() && a.TopNPerGroup == 0 {
		v.addf(p, "至少设置 top_n、threshold、top_n_per_group 之一", "set at least one of top_n, threshold, top_n_per_group")
	}
	if a.TopN < 0 {
		v.addf(p+".top_n", "top_n 应为正整数", "top_n must be a positive whole number")
	}
	if a.Threshold.Sign() < 0 || a.Threshold.Cmp(hundred) > 0 {
		v.addf(p+".threshold", "分数线 %s 应在 0–100 之间", "threshold %s must lie within 0–100", a.Threshold)
	}
	switch {
	case a.TopNPerGroup < 0:
		v.addf(p+".top_n_per_group", "top_n_per_group 应为正整数", "top_n_per_group must be a positive whole number")
	case a.TopNPerGroup > 0 && a.GroupBy == "":
		v.addf(p+".group", "设置了 top_n_per_group，还需 group（可选 %s）", "top_n_per_group needs group (one of %s)", quoted(GroupBys))
	case a.TopNPerGroup == 0 && a.GroupBy != "":
		v.addf(p+".group", "group 只与 top_n_per_group 一起使用", "group is used only with top_n_per_group")
	case a.TopN > 0 && a.TopNPerGroup > a.TopN:
		v.addf(p+".top_n_per_group", "每组名额 %d 多于总名额 %d，不起作用", "%d per group exceeds the overall %d and has no effect", a.TopNPerGroup, a.TopN)
	}
	if a.ExcludeBoundaryTies && a.TopN == 0 && a.TopNPerGroup == 0 {
		v.addf(p+".exclude_boundary_ties", "exclude_boundary_ties 只与 top_n 或 top_n_per_group 一起使用", "exclude_boundary_ties is used only with top_n or top_n_per_group")
	}
	if a.GroupBy != "" && !oneOf(a.GroupBy, GroupBys) {
		v.addf(p+".group", "分组“%s”无效，可选 %s", "unknown group %q; use one of %s", a.GroupBy, quoted(GroupBys))
	}
}

// narrowing checks that a rule selects no more entries than the previous
// stage let through: each stage keeps at most as many as reached it.
func (v *validator) narrowing(p string, topN, before int) {
	if topN <= 0 {
		return
	}
	for i := before - 1; i >= 0; i-- {
		adv := v.r.Stages[i].Advancement
		if adv == nil || adv.TopN <= 0 {
			continue
		}
		if topN > adv.TopN {
			v.addf(p+".top_n", "名额 %d 多于上一轮（%s）晋级的 %d 个", "%d places exceed what %s let through (%d)",
				topN, v.r.Stages[i].Name, adv.TopN)
		}
		return
	}
}

// tieBreaks checks a tie-break chain. Stage references must name an earlier
// stage (any stage for the final ranking, before = number of stages);
// criterion and group references must lie in an earlier or the same stage.
func (v *validator) tieBreaks(p string, rules []TieBreak, before int) {
	seen := make(map[TieBreak]bool, len(rules))
	for j, t := range rules {
		tp := index(p, j)
		if seen[t] {
			v.addf(tp, "同分规则 %s 重复", "tie-break rule %s is repeated", t)
			continue
		}
		seen[t] = true
		switch t.Kind {
		case TieStage:
			at, ok := v.stageAt[t.Ref]
			switch {
			case !ok:
				v.addf(tp, "没有编号为 %s 的阶段", "there is no stage %s", t.Ref)
			case at >= before:
				v.addf(tp, "只能引用之前的阶段，%s 不在本阶段之前", "only an earlier stage can break ties; %s is not earlier", t.Ref)
			}
		case TieCriterion, TieGroup:
			stageIdx, found := v.locateScored(t)
			switch {
			case !found && t.Kind == TieCriterion:
				v.addf(tp, "没有编号为 %s 的二级指标", "there is no criterion %s", t.Ref)
			case !found:
				v.addf(tp, "没有编号为 %s 的一级指标", "there is no group %s", t.Ref)
			case stageIdx > before:
				v.addf(tp, "%s 属于之后的阶段，不能用于本阶段排名", "%s belongs to a later stage", t.Ref)
			}
		case TieMedian:
		default:
			v.addf(tp, "同分规则“%s”无效", "invalid tie-break rule %q", t)
		}
	}
}

// locateScored finds the stage holding a tie-break's criterion or group.
func (v *validator) locateScored(t TieBreak) (stage int, ok bool) {
	for i := range v.r.Stages {
		st := &v.r.Stages[i]
		if t.Kind == TieGroup && st.Group(t.Ref) != nil || t.Kind == TieCriterion && st.Criterion(t.Ref) != nil {
			return i, true
		}
	}
	return 0, false
}

// id checks a required id.
func (v *validator) id(p, id string) {
	switch {
	case id == "":
		v.addf(p, "缺少编号", "the id is missing")
	case !idRE.MatchString(id):
		v.addf(p, "编号“%s”无效：以字母开头，只含字母、数字和 . _ -，不超过 40 个字符",
			"invalid id %q: start with a letter, use only letters, digits and . _ -, at most 40 characters", id)
	}
}

// text checks a text field's presence and length in characters.
func (v *validator) text(p, s string, required bool, limit int) {
	switch n := utf8.RuneCountInString(s); {
	case required && s == "":
		v.addf(p, "不能为空", "must not be empty")
	case n > limit:
		v.addf(p, "长度为 %d 个字符，上限 %d", "%d characters; the limit is %d", n, limit)
	}
}

func (v *validator) decimals(p string, n int) {
	if n < 0 || n > DecimalPlaces {
		v.addf(p, "小数位数 %d 应在 0–%d 之间", "decimals %d must be 0–%d", n, DecimalPlaces)
	}
}
