package results

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// ComputeStage computes a stage's results: it aggregates every expert
// criterion with the scoring engine under the stage's rules, computes the
// objective points from the verified values, adds them up, ranks with the
// stage's tie-break chain (vetoed and incomplete dossiers are not ranked),
// computes each panel's agreement statistics and, on request, the severity
// correction, and applies the stage's advancement rule.
func ComputeStage(in StageInput) (*StageResult, error) {
	if in.Rubric == nil {
		return nil, fmt.Errorf("results: no rubric")
	}
	st := in.Rubric.Stage(in.StageID)
	if st == nil {
		return nil, fmt.Errorf("results: the rubric has no stage %q", in.StageID)
	}
	c := newStageComputer(in, st)
	if err := c.index(); err != nil {
		return nil, err
	}
	if err := c.scoreExperts(); err != nil {
		return nil, err
	}
	if err := c.assemble(); err != nil {
		return nil, err
	}
	if err := c.rank(); err != nil {
		return nil, err
	}
	c.agreement()
	if st.Advancement != nil {
		next := in.Rubric.NextStage(st.ID)
		info := &AdvancementInfo{Rule: DescribeAdvancement(st.Advancement), Limit: st.Advancement.TopN}
		if next != nil {
			info.Next, info.NextName = next.ID, next.Name
		}
		n, err := applyAdvancement(c.contenders(), st.Advancement, c.chain)
		if err != nil {
			return nil, err
		}
		info.Advancing = n
		c.out.Advancement = info
	}
	sortByRank(c.out.Dossiers)
	return c.out, nil
}

// stageComputer holds the working state of ComputeStage.
type stageComputer struct {
	in    StageInput
	st    *rubrics.Stage
	dec   int
	out   *StageResult
	byKey map[string]int
	// expert are the criteria experts give points to, in rubric order.
	expert []*rubrics.Criterion
	// matrix[d][c][j] is judge j's score for expert criterion c of dossier d.
	matrix  [][][]scoring.NullDecimal
	reasons map[[3]string]string
	stage   *scoring.StageResult
	chain   []scoring.TieBreak
	// keys[d] are dossier d's tie-break values.
	keys []map[string]scoring.Decimal
}

func newStageComputer(in StageInput, st *rubrics.Stage) *stageComputer {
	out := &StageResult{StageID: st.ID, StageName: st.Name, RubricHash: in.RubricHash, Weighted: st.Weighted(),
		Decimals: st.Aggregation.Decimals, Method: scoring.Method(st.Aggregation.Method), Drop: st.Aggregation.Drop,
		OutlierShare: toScoring(st.Outliers.MADZeroShare)}
	for _, g := range st.Groups {
		out.Groups = append(out.Groups, GroupInfo{ID: g.ID, Name: g.Name, Max: toScoring(g.Max)})
		for _, cr := range g.Criteria {
			out.Criteria = append(out.Criteria, CriterionInfo{ID: cr.ID, Name: cr.Name, Group: g.ID, Kind: cr.Kind,
				Max: toScoring(cr.Max), Indicator: cr.Indicator})
		}
	}
	for _, t := range st.TieBreak {
		out.TieBreaks = append(out.TieBreaks, in.Rubric.TieBreakLabel(t))
	}
	c := &stageComputer{in: in, st: st, dec: st.Aggregation.Decimals, out: out, byKey: map[string]int{},
		reasons: map[[3]string]string{}, expert: expertCriteria(st)}
	c.chain = tieChain(in.Rubric, st.TieBreak)
	return c
}

// expertCriteria lists the criteria experts give points to, in rubric order.
func expertCriteria(st *rubrics.Stage) []*rubrics.Criterion {
	var out []*rubrics.Criterion
	for _, cr := range st.Criteria() {
		if cr.Kind == rubrics.KindPoints || cr.Kind == rubrics.KindGrades {
			out = append(out, cr)
		}
	}
	return out
}

// engineCriteria maps the expert criteria onto the scoring engine under the
// stage's aggregation and outlier rules. Every criterion has weight 1: the
// rubric weighs stages, not criteria, and a criterion's maximum is its share.
func engineCriteria(st *rubrics.Stage, expert []*rubrics.Criterion) []scoring.Criterion {
	criteria := make([]scoring.Criterion, len(expert))
	for i, cr := range expert {
		dec := st.Aggregation.Decimals
		criteria[i] = scoring.Criterion{ID: cr.ID, Name: cr.Name, Max: toScoring(cr.Max), Weight: scoring.MustDecimal("1"),
			Aggregate: scoring.AggregateOptions{Method: scoring.Method(st.Aggregation.Method), Trim: st.Aggregation.Drop, Decimals: &dec},
			Outliers: scoring.OutlierOptions{Threshold: toScoring(st.Outliers.ModifiedZ),
				Share: toScoring(st.Outliers.MADZeroShare), Max: toScoring(cr.Max)}}
	}
	return criteria
}

// tieChain maps rubric tie-break rules onto engine rules.
func tieChain(r *rubrics.Rubric, rules []rubrics.TieBreak) []scoring.TieBreak {
	out := make([]scoring.TieBreak, 0, len(rules))
	for _, t := range rules {
		out = append(out, scoring.TieBreak{Key: t.String(), Label: r.TieBreakLabel(t)})
	}
	return out
}

// index checks the dossiers and sorts the scores into the matrix.
func (c *stageComputer) index() error {
	for i, d := range c.in.Dossiers {
		if d.Key == "" {
			return fmt.Errorf("results: dossier %d has no key", d.ID)
		}
		if _, dup := c.byKey[d.Key]; dup {
			return fmt.Errorf("results: dossier key %q appears twice", d.Key)
		}
		c.byKey[d.Key] = i
		c.out.Dossiers = append(c.out.Dossiers, DossierResult{Dossier: d})
	}
	criterionIndex := map[string]int{}
	for i, cr := range c.expert {
		criterionIndex[cr.ID] = i
	}
	judges := map[string]bool{}
	for _, s := range c.in.Scores {
		if _, ok := c.byKey[s.Dossier]; !ok {
			return fmt.Errorf("results: a score names dossier %q, which is not in the stage", s.Dossier)
		}
		if s.Judge == "" {
			return fmt.Errorf("results: a score of dossier %s has no judge code", s.Dossier)
		}
		cr := c.st.Criterion(s.Criterion)
		if cr == nil {
			return fmt.Errorf("results: a score names criterion %q, which the stage does not have", s.Criterion)
		}
		if cr.Kind.ScoredByExperts() {
			judges[s.Judge] = true
		}
	}
	c.out.Judges = sortedKeys(judges)
	judgeIndex := map[string]int{}
	for j, code := range c.out.Judges {
		judgeIndex[code] = j
	}
	c.matrix = make([][][]scoring.NullDecimal, len(c.in.Dossiers))
	for d := range c.matrix {
		c.matrix[d] = make([][]scoring.NullDecimal, len(c.expert))
		for k := range c.matrix[d] {
			c.matrix[d][k] = make([]scoring.NullDecimal, len(c.out.Judges))
		}
	}
	for _, s := range c.in.Scores {
		d := c.byKey[s.Dossier]
		cr := c.st.Criterion(s.Criterion)
		switch cr.Kind {
		case rubrics.KindVeto:
			if s.Veto {
				res := &c.out.Dossiers[d]
				res.VetoProposals = append(res.VetoProposals, VetoProposal{Judge: s.Judge, Criterion: s.Criterion, Reason: s.VetoReason})
			}
			continue
		case rubrics.KindObjective:
			return fmt.Errorf("results: judge %s scored objective criterion %s", s.Judge, s.Criterion)
		}
		v, err := scoring.ParseDecimal(strings.TrimSpace(s.Points))
		if err != nil {
			return fmt.Errorf("results: score of judge %s for %s/%s: %w", s.Judge, s.Dossier, s.Criterion, err)
		}
		cell := &c.matrix[d][criterionIndex[s.Criterion]][judgeIndex[s.Judge]]
		if cell.Valid {
			return fmt.Errorf("results: judge %s scored %s/%s twice", s.Judge, s.Dossier, s.Criterion)
		}
		*cell = scoring.Scored(v)
	}
	for _, r := range c.in.FlagReasons {
		c.reasons[[3]string{r.Dossier, r.Judge, r.Criterion}] = r.Reason
	}
	for i := range c.out.Dossiers {
		props := c.out.Dossiers[i].VetoProposals
		slices.SortFunc(props, func(a, b VetoProposal) int {
			return strings.Compare(a.Criterion+"\x00"+a.Judge, b.Criterion+"\x00"+b.Judge)
		})
	}
	return nil
}

// scoreExperts runs the scoring engine over the expert criteria.
func (c *stageComputer) scoreExperts() error {
	if len(c.expert) == 0 || len(c.out.Judges) == 0 || len(c.in.Dossiers) == 0 {
		return nil
	}
	criteria := engineCriteria(c.st, c.expert)
	in := scoring.StageInput{Judges: c.out.Judges, Criteria: criteria, Totals: scoring.TotalOptions{Decimals: &c.dec}}
	for d, res := range c.out.Dossiers {
		in.Dossiers = append(in.Dossiers, scoring.DossierScores{ID: res.Key, Scores: c.matrix[d]})
	}
	if c.in.Severity {
		in.Severity = &scoring.SeverityOptions{Decimals: &c.dec}
	}
	sr, err := scoring.ScoreStage(in)
	if err != nil {
		return fmt.Errorf("results: score stage %s: %w", c.st.ID, err)
	}
	c.stage = &sr
	return nil
}

// assemble builds each dossier's criteria, totals and veto state.
func (c *stageComputer) assemble() error {
	adjusted := c.severity()
	for d := range c.out.Dossiers {
		res := &c.out.Dossiers[d]
		var engine *scoring.DossierResult
		if c.stage != nil {
			engine = &c.stage.Dossiers[d]
		}
		expertIndex := 0
		groupPoints := map[string]scoring.Decimal{}
		for _, info := range c.out.Criteria {
			cr := c.st.Criterion(info.ID)
			cres := CriterionResult{ID: info.ID, Kind: info.Kind}
			switch info.Kind {
			case rubrics.KindPoints, rubrics.KindGrades:
				if engine != nil {
					c.fillExpert(&cres, res.Key, engine.Criteria[expertIndex])
				}
				expertIndex++
				if cres.Scored {
					res.ExpertPart = res.ExpertPart.Add(cres.Points)
				}
			case rubrics.KindObjective:
				if err := c.fillObjective(&cres, res.Key, cr); err != nil {
					return err
				}
				if cres.Scored {
					res.ObjectivePart = res.ObjectivePart.Add(cres.Points)
				}
			case rubrics.KindVeto:
				cres.Scored = true
			}
			if !cres.Scored {
				res.Unscored = append(res.Unscored, info.ID)
			}
			groupPoints[info.Group] = groupPoints[info.Group].Add(cres.Points)
			res.Criteria = append(res.Criteria, cres)
		}
		for _, g := range c.out.Groups {
			res.Groups = append(res.Groups, GroupSubtotal{ID: g.ID, Points: groupPoints[g.ID]})
		}
		if len(res.Unscored) == 0 {
			res.Score = scoring.Scored(res.ExpertPart.Add(res.ObjectivePart))
		}
		if engine != nil && engine.JudgeTotalsMean.N > 0 {
			m := engine.JudgeTotalsMedian.Round(scoring.Scale).Add(res.ObjectivePart)
			res.JudgeMedian = &m
		}
		if v, ok := c.in.Vetoes[res.Key]; ok {
			res.Vetoed, res.VetoCriterion, res.VetoReason = true, v.Criterion, v.Reason
		}
		if a, ok := adjusted[res.Key]; ok {
			res.Adjusted = &a
		}
	}
	return nil
}

// fillExpert copies the engine's explanation of one criterion.
func (c *stageComputer) fillExpert(cres *CriterionResult, key string, cs scoring.CriterionScore) {
	agg := cs.Aggregation
	cres.Scored = cs.Scored()
	if cres.Scored {
		cres.Points = cs.Points
		cres.Rule, cres.Formula, cres.Rounding = agg.Rule(), agg.Formula(), agg.RoundingStep()
		cres.OutlierRule = cs.Outliers.RuleText()
	}
	ends := map[string]string{}
	for _, m := range agg.Low {
		ends[m.Judge] = "low"
	}
	for _, m := range agg.High {
		ends[m.Judge] = "high"
	}
	devs := map[string]scoring.JudgeDeviation{}
	for _, d := range cs.Outliers.Judges {
		devs[d.Judge] = d
	}
	for _, m := range agg.Sorted {
		jm := JudgeMark{Judge: m.Judge, Score: m.Score.Decimal, End: ends[m.Judge]}
		jm.Dropped = jm.End != ""
		if d, ok := devs[m.Judge]; ok && d.Flagged {
			jm.Flagged, jm.Direction, jm.Explain = true, d.Direction.Label(), cs.Outliers.Explain(d)
			jm.Reason = c.reasons[[3]string{key, m.Judge, cres.ID}]
		}
		cres.Marks = append(cres.Marks, jm)
	}
	slices.SortFunc(cres.Marks, func(a, b JudgeMark) int { return strings.Compare(a.Judge, b.Judge) })
}

// fillObjective computes an objective criterion from the verified value.
func (c *stageComputer) fillObjective(cres *CriterionResult, key string, cr *rubrics.Criterion) error {
	value, ok := c.in.Indicators[key][cr.Indicator]
	if !ok {
		cres.Rule = "指标数据尚未核实，暂不计分"
		return nil
	}
	points, err := cr.ObjectivePoints(value)
	if err != nil {
		return fmt.Errorf("results: objective points of %s for %s: %w", cr.ID, key, err)
	}
	v := toScoring(value)
	cres.Scored, cres.Points, cres.Value = true, toScoring(points), &v
	cres.Rule = ObjectiveRule(cr)
	unit := ""
	if ind := c.st.Indicator(cr.Indicator); ind != nil {
		unit = ind.Unit
	}
	cres.Formula = fmt.Sprintf("核实值 %s%s → %s 分", value, unit, points)
	return nil
}

// severity returns the severity-corrected expert parts by dossier key and
// records the outcome.
func (c *stageComputer) severity() map[string]AdjustedScore {
	if c.stage == nil || c.stage.Severity == nil {
		if c.in.Severity {
			c.out.Severity = &SeverityInfo{Refusal: "本阶段没有专家评分，无法进行宽严校正"}
		}
		return nil
	}
	sev := c.stage.Severity
	info := &SeverityInfo{Applied: sev.Applied, Refusal: sev.Refusal}
	for _, j := range sev.Judges {
		info.Judges = append(info.Judges, JudgeEffect{Judge: j.Judge, Effect: j.Effect, Count: j.Count})
	}
	c.out.Severity = info
	out := map[string]AdjustedScore{}
	if !sev.Applied {
		return out
	}
	for _, a := range sev.Dossiers {
		out[a.Dossier] = AdjustedScore{RawMean: a.RawMean.Round(c.dec), Adjusted: a.Rounded}
	}
	return out
}

// rank places the dossiers with the stage's tie-break chain. Vetoed and
// incomplete dossiers are not ranked.
func (c *stageComputer) rank() error {
	entrants := make([]scoring.Entrant, len(c.out.Dossiers))
	c.keys = make([]map[string]scoring.Decimal, len(c.out.Dossiers))
	for i := range c.out.Dossiers {
		d := &c.out.Dossiers[i]
		c.keys[i] = c.tieKeys(d)
		entrants[i] = scoring.Entrant{ID: d.Key, Keys: c.keys[i]}
		if !d.Vetoed {
			entrants[i].Score = d.Score
		}
	}
	placements, err := scoring.Rank(entrants, c.chain)
	if err != nil {
		return fmt.Errorf("results: rank stage %s: %w", c.st.ID, err)
	}
	for i, p := range placements {
		setPlacement(&c.out.Dossiers[i].Standing, p)
	}
	return nil
}

// contenders pairs every dossier with its tie-break values.
func (c *stageComputer) contenders() []contender {
	out := make([]contender, len(c.out.Dossiers))
	for i := range c.out.Dossiers {
		out[i] = contender{d: &c.out.Dossiers[i].Dossier, s: &c.out.Dossiers[i].Standing, keys: c.keys[i]}
	}
	return out
}

// setPlacement records a placement on a standing.
func setPlacement(d *Standing, p scoring.Placement) {
	d.Rank = p.Rank
	d.TieNote = ""
	d.DecidedBy = ""
	if p.Ranked() && len(p.TiedOnScore) > 0 {
		d.TieNote = p.Note()
		if p.Decided {
			d.DecidedBy = p.DecidedBy.Label
		}
	}
}

// tieKeys builds the tie-break values of a dossier: every criterion's
// points, every group's subtotal, the judges' median and the earlier stages'
// scores. A value the chain needs but the dossier lacks compares as 0.
func (c *stageComputer) tieKeys(d *DossierResult) map[string]scoring.Decimal {
	keys := map[string]scoring.Decimal{}
	for _, cr := range d.Criteria {
		keys[scoring.KeyCriterion(cr.ID)] = cr.Points
	}
	for _, g := range d.Groups {
		keys["group:"+g.ID] = g.Points
	}
	if d.JudgeMedian != nil {
		keys[scoring.KeyMedian] = *d.JudgeMedian
	} else {
		keys[scoring.KeyMedian] = d.Score.Decimal
	}
	for stage, scores := range c.in.PriorScores {
		keys[scoring.KeyStage(stage)] = scores[d.Key]
	}
	for _, t := range c.chain {
		if _, ok := keys[t.Key]; !ok {
			keys[t.Key] = scoring.Decimal{}
		}
	}
	return keys
}

// sortByRank orders results by rank, unranked last, then by key.
func sortByRank(ds []DossierResult) {
	slices.SortStableFunc(ds, func(a, b DossierResult) int { return byRank(a.Standing, b.Standing, a.Key, b.Key) })
}

// byRank compares two standings by rank (unranked last), then by key.
func byRank(a, b Standing, ka, kb string) int {
	ra, rb := a.Rank, b.Rank
	if ra == 0 {
		ra = math.MaxInt
	}
	if rb == 0 {
		rb = math.MaxInt
	}
	if c := cmp.Compare(ra, rb); c != 0 {
		return c
	}
	return strings.Compare(ka, kb)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
