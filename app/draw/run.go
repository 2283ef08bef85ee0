package draw

import (
	"fmt"
	"slices"
)

// Run performs the draw described in the package documentation. It returns
// an *Error when the constraints cannot be met.
func Run(in Input) (Result, error) {
	in = in.Normalized()
	cons := in.Constraints
	if err := validate(in); err != nil {
		return Result{}, err
	}
	k := newChecker(cons)
	res := Result{Algorithm: Algorithm, Order: []Step{}, Ineligible: []Step{}, Members: []int64{},
		Alternates: []int64{}, Assignments: []Pair{}}
	byID := make(map[int64]*Candidate, len(in.Pool))
	var drawable []int64
	for i := range in.Pool {
		c := &in.Pool[i]
		byID[c.ID] = c
		if reason := k.poolReason(c, in.Dossiers); reason != "" {
			res.Ineligible = append(res.Ineligible, Step{Expert: c.ID, Outcome: OutcomeIneligible, Reason: reason})
			continue
		}
		drawable = append(drawable, c.ID)
	}
	if err := precheck(k, in, byID, drawable); err != nil {
		return Result{}, err
	}

	newStream(in.Seed).shuffle(drawable)
	w := walker{k: k, in: in, byID: byID, orgs: map[string]int{}, cover: make([]int, len(in.Dossiers))}
	for _, id := range drawable {
		res.Order = append(res.Order, w.step(byID[id], &res))
	}
	if len(res.Members) < cons.Members {
		return Result{}, w.shortMembers(len(res.Members))
	}
	if len(res.Alternates) < cons.Alternates {
		return Result{}, refuse("alternates", fmt.Sprintf("抽满 %d 位专家后，符合条件的专家只够 %d 位备选，少于要求的 %d 位；请减少备选人数或放宽条件",
			cons.Members, len(res.Alternates), cons.Alternates))
	}
	pairs, err := assign(k, in, byID, res.Members)
	if err != nil {
		return Result{}, err
	}
	res.Assignments = pairs
	return res, nil
}

// validate checks the numbers the office typed before looking at the pool.
func validate(in Input) error {
	c := in.Constraints
	for i := range in.Dossiers {
		if d := &in.Dossiers[i]; d.Need < 0 || (c.PerDossier > 0 && d.Need > c.PerDossier) {
			return refuse("per_dossier", fmt.Sprintf("申报“%s”所需专家数 %d 应在 1–%d 之间", d.Label, d.Need, c.PerDossier))
		}
	}
	switch {
	case c.PerDossier < 1:
		return refuse("per_dossier", "每份申报的评审专家人数应至少为 1")
	case c.Members < 1:
		return refuse("members", "抽取人数应至少为 1")
	case c.Members < maxNeed(in):
		return refuse("members", fmt.Sprintf("抽取人数 %d 少于每份申报所需的 %d 位专家", c.Members, maxNeed(in)))
	case c.Alternates < 0:
		return refuse("alternates", "备选人数不能为负数")
	case c.MaxPerOrg < 0:
		return refuse("max_per_org", "同一单位人数上限不能为负数")
	case c.MaxLoad < 0:
		return refuse("max_load", "每位专家的评审份数上限不能为负数")
	case len(in.Dossiers) == 0:
		return refuse("", "范围内没有需要分配专家的申报")
	case len(in.Seed) == 0:
		return refuse("seed", "缺少随机种子")
	}
	if total := totalNeed(in); c.MaxLoad > 0 && c.MaxLoad*c.Members < total {
		return refuse("max_load", fmt.Sprintf("%d 份申报共需 %d 人次评审；%d 位专家每人至多 %d 份，最多只能完成 %d 人次",
			len(in.Dossiers), total, c.Members, c.MaxLoad, c.MaxLoad*c.Members))
	}
	return nil
}

// maxNeed is the most experts any one dossier needs.
func maxNeed(in Input) int {
	n := 0
	for i := range in.Dossiers {
		n = max(n, in.Constraints.need(&in.Dossiers[i]))
	}
	if len(in.Dossiers) == 0 {
		return in.Constraints.PerDossier
	}
	return n
}

// totalNeed is the number of assignments the draw must make.
func totalNeed(in Input) int {
	n := 0
	for i := range in.Dossiers {
		n += in.Constraints.need(&in.Dossiers[i])
	}
	return n
}

// poolReason is why a candidate cannot take part at all, or "".
func (k *checker) poolReason(c *Candidate, dossiers []Dossier) string {
	if !c.Enabled {
		return "暂停抽取或账号已停用"
	}
	if k.capacity(c) == 0 {
		return fmt.Sprintf("本阶段已分配 %d 份，达到每人 %d 份的上限", c.Load, k.cons.MaxLoad)
	}
	if k.cons.MatchExpertise {
		covers := false
		for i := range dossiers {
			covers = covers || c.Covers(dossiers[i].Chain)
		}
		if !covers {
			return "专业领域不含范围内任何申报的产业链"
		}
	}
	for i := range dossiers {
		if k.eligible(c, &dossiers[i]) {
			return ""
		}
	}
	return "与范围内全部申报都须回避（常住地区或已声明回避）"
}

// precheck refuses at once when the pool as a whole is too small.
func precheck(k *checker, in Input, byID map[int64]*Candidate, drawable []int64) error {
	c := in.Constraints
	if len(drawable) < c.Members {
		return refuse("members", fmt.Sprintf("可参加抽取的专家只有 %d 位，少于抽取人数 %d 位", len(drawable), c.Members))
	}
	if c.MaxPerOrg > 0 {
		perOrg := map[string]int{}
		possible := 0
		for _, id := range drawable {
			org := byID[id].Organisation
			if org == "" || perOrg[org] < c.MaxPerOrg {
				possible++
			}
			perOrg[org]++
		}
		if possible < c.Members {
			return refuse("max_per_org", fmt.Sprintf("受同一单位至多 %d 位的限制，可参加抽取的专家最多只能抽中 %d 位，少于要求的 %d 位",
				c.MaxPerOrg, possible, c.Members))
		}
	}
	for i := range in.Dossiers {
		d := &in.Dossiers[i]
		n := 0
		for _, id := range drawable {
			if k.eligible(byID[id], d) {
				n++
			}
		}
		if need := c.need(d); n < need {
			return refuse("per_dossier", fmt.Sprintf("申报“%s”只有 %d 位专家可以评审（已除去须回避、专业不符或负荷已满的专家），少于所需的 %d 位",
				d.Label, n, need))
		}
	}
	return nil
}

// walker walks the draw order and decides each candidate's outcome.
type walker struct {
	k     *checker
	in    Input
	byID  map[int64]*Candidate
	orgs  map[string]int // members per organisation
	cover []int          // eligible members per dossier (index into in.Dossiers)
}

func (w *walker) step(c *Candidate, res *Result) Step {
	cons := w.in.Constraints
	st := Step{Expert: c.ID}
	switch {
	case len(res.Members) < cons.Members:
		if w.orgFull(c) {
			st.Outcome, st.Reason = OutcomeSkipped, fmt.Sprintf("同一单位（%s）已抽中 %d 位", c.Organisation, cons.MaxPerOrg)
		} else if d := w.reservedFor(c, cons.Members-len(res.Members)); d != nil {
			st.Outcome, st.Reason = OutcomeSkipped, fmt.Sprintf("剩余名额须留给能评审“%s”的专家", d.Label)
		} else {
			st.Outcome = OutcomeMember
			res.Members = append(res.Members, c.ID)
			w.orgs[c.Organisation]++
			for i := range w.in.Dossiers {
				if w.k.eligible(c, &w.in.Dossiers[i]) {
					w.cover[i]++
				}
			}
		}
	case len(res.Alternates) < cons.Alternates:
		if w.orgFull(c) {
			st.Outcome, st.Reason = OutcomeSkipped, fmt.Sprintf("同一单位（%s）已抽中 %d 位，不能递补", c.Organisation, cons.MaxPerOrg)
		} else {
			st.Outcome = OutcomeAlternate
			res.Alternates = append(res.Alternates, c.ID)
		}
	default:
		st.Outcome = OutcomeNotReached
	}
	return st
}

// orgFull reports whether the candidate's organisation has its quota of
// members. An unknown (empty) organisation has no quota.
func (w *walker) orgFull(c *Candidate) bool {
	K := w.in.Constraints.MaxPerOrg
	return K > 0 && c.Organisation != "" && w.orgs[c.Organisation] >= K
}

// reservedFor returns a dossier whose remaining need of eligible members
// takes up every seat left and which c cannot score, or nil.
func (w *walker) reservedFor(c *Candidate, seatsLeft int) *Dossier {
	for i := range w.in.Dossiers {
		d := &w.in.Dossiers[i]
		if w.in.Constraints.need(d)-w.cover[i] >= seatsLeft && !w.k.eligible(c, d) {
			return d
		}
	}
	return nil
}

// shortMembers explains why the walk ended with fewer than N members.
func (w *walker) shortMembers(got int) error {
	cons := w.in.Constraints
	for i := range w.in.Dossiers {
		d := &w.in.Dossiers[i]
		if R := cons.need(d); w.cover[i] < R {
			field := ""
			if cons.MaxPerOrg > 0 {
				field = "max_per_org"
			}
			return refuse(field, fmt.Sprintf("只抽中 %d 位专家（要求 %d 位），其中能评审“%s”的只有 %d 位，少于所需的 %d 位：能评审该申报的专家受同一单位人数限制或须回避；请放宽同一单位人数上限或调整抽取范围",
				got, cons.Members, d.Label, w.cover[i], R))
		}
	}
	return refuse("max_per_org", fmt.Sprintf("受同一单位至多 %d 位的限制，只能抽中 %d 位专家，少于要求的 %d 位", cons.MaxPerOrg, got, cons.Members))
}

// rankOf maps member ids to their place in the draw.
func rankOf(members []int64) map[int64]int {
	out := make(map[int64]int, len(members))
	for i, id := range members {
		out[id] = i
	}
	return out
}

// sortPairs orders pairs by dossier id, then by the member's rank.
func sortPairs(pairs []Pair, rank map[int64]int) {
	slices.SortFunc(pairs, func(a, b Pair) int {
		if c := cmpInt64(a.Dossier, b.Dossier); c != 0 {
			return c
		}
		return rank[a.Expert] - rank[b.Expert]
	})
}
