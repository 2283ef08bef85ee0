package results

import (
	"fmt"
	"strings"

	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// contender is an entrant at an advancement or selection gate.
type contender struct {
	d    *Dossier
	s    *Standing
	keys map[string]scoring.Decimal
}

// applyAdvancement applies a rubric advancement rule: first the threshold,
// then at most N per group, then at most N overall, each on the ranking
// after tie-breaks (scoring.Advance applies one rule at a time). Vetoed and
// unranked entrants do not go on. It records the decision and its reason on
// every standing and returns how many go on.
func applyAdvancement(cs []contender, adv *rubrics.Advancement, chain []scoring.TieBreak) (int, error) {
	type step struct {
		prefix string
		gate   scoring.Gate
		group  func(*Dossier) string
	}
	var steps []step
	if !adv.Threshold.IsZero() {
		steps = append(steps, step{prefix: "分数线：", gate: scoring.Gate{Kind: scoring.GateThreshold, Threshold: toScoring(adv.Threshold)}})
	}
	if adv.TopNPerGroup > 0 {
		group := func(d *Dossier) string { return d.Cluster }
		if adv.GroupBy == rubrics.GroupCity {
			group = func(d *Dossier) string { return d.City }
		}
		steps = append(steps, step{prefix: "每个" + adv.GroupBy.Label() + "名额：", group: group,
			gate: scoring.Gate{Kind: scoring.GateTopNPerGroup, N: adv.TopNPerGroup, ExcludeBoundaryTies: adv.ExcludeBoundaryTies}})
	}
	if adv.TopN > 0 {
		steps = append(steps, step{prefix: "总名额：",
			gate: scoring.Gate{Kind: scoring.GateTopN, N: adv.TopN, ExcludeBoundaryTies: adv.ExcludeBoundaryTies}})
	}
	var remaining []int
	for i, c := range cs {
		c.s.Advances, c.s.BoundaryTie = false, false
		switch {
		case c.s.Vetoed:
			c.s.AdvanceReason = fmt.Sprintf("触发否决项（%s）：%s，不晋级", c.s.VetoCriterion,
				strings.TrimRight(c.s.VetoReason, "。.；;，, "))
		case c.s.Rank == 0:
			c.s.AdvanceReason = "评分不完整（缺少 " + strings.Join(c.s.Unscored, "、") + "），不参与排名，不晋级"
		default:
			remaining = append(remaining, i)
		}
	}
	passed := map[int][]string{}
	for k, st := range steps {
		prefix := st.prefix
		if k > 0 {
			prefix = strings.TrimSuffix(prefix, "：") + fmt.Sprintf("（在通过前述规则的 %d 个中）：", len(remaining))
		}
		cands := make([]scoring.Candidate, len(remaining))
		for n, i := range remaining {
			c := cs[i]
			cands[n] = scoring.Candidate{Entrant: scoring.Entrant{ID: c.d.Key, Score: c.s.Score, Keys: c.keys}}
			if st.group != nil {
				cands[n].Group = st.group(c.d)
			}
		}
		decisions, err := scoring.Advance(cands, st.gate, chain)
		if err != nil {
			return 0, fmt.Errorf("results: advancement: %w", err)
		}
		var next []int
		for n, dec := range decisions {
			i := remaining[n]
			s := cs[i].s
			if dec.BoundaryTie {
				s.BoundaryTie = true
			}
			passed[i] = append(passed[i], prefix+dec.Reason)
			if dec.Advances {
				next = append(next, i)
			} else {
				s.AdvanceReason = strings.Join(passed[i], "；")
			}
		}
		remaining = next
	}
	for _, i := range remaining {
		cs[i].s.Advances = true
		cs[i].s.AdvanceReason = strings.Join(passed[i], "；")
	}
	return len(remaining), nil
}

// DescribeAdvancement states an advancement (or selection) rule in Chinese,
// in the order its parts apply.
func DescribeAdvancement(a *rubrics.Advancement) string {
	var parts []string
	if !a.Threshold.IsZero() {
		parts = append(parts, fmt.Sprintf("得分不低于 %s 分", a.Threshold))
	}
	if a.TopNPerGroup > 0 {
		parts = append(parts, fmt.Sprintf("每个%s至多 %d 个", a.GroupBy.Label(), a.TopNPerGroup))
	}
	if a.TopN > 0 {
		parts = append(parts, fmt.Sprintf("总数前 %d 名", a.TopN))
	}
	tail := "名额线上同分且决胜规则无法区分时均晋级"
	if a.ExcludeBoundaryTies {
		tail = "名额线上同分且决胜规则无法区分时均不晋级"
	}
	return "依次适用：" + strings.Join(parts, " → ") + "；" + tail
}

// ObjectiveRule states how an objective criterion turns a verified value
// into points.
func ObjectiveRule(c *rubrics.Criterion) string {
	switch {
	case len(c.Bands) > 0:
		parts := make([]string, len(c.Bands))
		for i, b := range c.Bands {
			parts[i] = fmt.Sprintf("≥ %s 得 %s 分", b.From, b.Points)
		}
		return "分档计分：" + strings.Join(parts, "，") + "，低于首档得 0 分"
	case c.Linear != nil:
		return fmt.Sprintf("线性计分：%s 得 0 分，%s 得满分 %s 分，之间按比例，保留 %d 位小数",
			c.Linear.ZeroAt, c.Linear.FullAt, c.Max, c.Linear.Decimals)
	}
	return ""
}
