package scoring

import (
	"fmt"
	"slices"
)

// StageWeight is one stage's weight in the final score.
type StageWeight struct {
	// Stage is the stage id; Label its Chinese name (e.g. 申报).
	Stage, Label string
	Weight       Decimal
}

// Combined is an entrant's final score over several stages.
type Combined struct {
	// Final is Σ round(weight × stage score); absent when a stage is missing.
	Final NullDecimal
	// Missing lists the stages without a score, in weight order.
	Missing []string
	// Steps explains each term and the sum in Chinese.
	Steps []string
}

// CombineStages computes a final score as the weighted sum of stage scores:
// each weight × score is rounded half-up at decimals (nil: Scale), then the
// terms are added. scores maps stage id to score.
func CombineStages(scores map[string]Decimal, weights []StageWeight, decimals *int) (Combined, error) {
	if err := checkDecimals("小数位数", decimals); err != nil {
		return Combined{}, err
	}
	if len(weights) == 0 {
		return Combined{}, fmt.Errorf("没有阶段权重 (no stage weights)")
	}
	dec := Scale
	if decimals != nil {
		dec = *decimals
	}
	seen := make(map[string]bool, len(weights))
	var out Combined
	var sum Decimal
	for _, w := range weights {
		if w.Stage == "" || seen[w.Stage] {
			return Combined{}, fmt.Errorf("阶段编号 %q 为空或重复 (empty or duplicate stage)", w.Stage)
		}
		seen[w.Stage] = true
		if err := checkWeight("阶段 "+w.Stage+" 的权重", w.Weight, false); err != nil {
			return Combined{}, err
		}
		name := w.Label
		if name == "" {
			name = w.Stage
		}
		v, ok := scores[w.Stage]
		if !ok {
			out.Missing = append(out.Missing, w.Stage)
			out.Steps = append(out.Steps, fmt.Sprintf("“%s”阶段无得分", name))
			continue
		}
		if err := checkTotal("阶段 "+w.Stage+" 的得分", v); err != nil {
			return Combined{}, err
		}
		term, err := v.Mul(w.Weight, dec)
		if err != nil {
			return Combined{}, err
		}
		out.Steps = append(out.Steps, fmt.Sprintf("“%s”阶段 %s × 权重 %s = %s", name, v, w.Weight, term.StringFixed(dec)))
		if sum, err = sum.addChecked(term); err != nil {
			return Combined{}, err
		}
	}
	if len(out.Missing) > 0 {
		out.Steps = append(out.Steps, "缺少阶段得分，不计算最终得分")
		return out, nil
	}
	out.Final = Scored(sum)
	out.Steps = append(out.Steps, fmt.Sprintf("最终得分 = %s（每项乘积按 %d 位小数四舍五入后相加）", sum.StringFixed(dec), dec))
	return out, nil
}

// GateKind names an advancement rule.
type GateKind string

// The advancement rules.
const (
	// GateTopN advances the N best-ranked entrants.
	GateTopN GateKind = "top_n"
	// GateThreshold advances everyone whose score reaches the threshold.
	GateThreshold GateKind = "threshold"
	// GateTopNPerGroup advances the N best-ranked entrants of each group
	// (e.g. each cluster).
	GateTopNPerGroup GateKind = "top_n_per_group"
)

// Gate is a stage's advancement rule.
type Gate struct {
	Kind GateKind
	// N is the number of places (top_n, top_n_per_group).
	N int
	// Threshold is the lowest score that advances (threshold; inclusive).
	Threshold Decimal
	// ExcludeBoundaryTies: when entrants still share a place across the last
	// advancing place after every tie-break, none of them advances. The
	// default advances all of them, exceeding N.
	ExcludeBoundaryTies bool
}

// Candidate is an entrant at a gate.
type Candidate struct {
	Entrant
	// Group is used by top_n_per_group.
	Group string
}

// Decision says whether a candidate advances and why.
type Decision struct {
	ID, Group string
	// Placement is the place overall, or within the group for
	// top_n_per_group.
	Placement Placement
	Advances  bool
	// BoundaryTie marks a candidate whose advancement was decided at the
	// last place, by a tie-break or by the boundary-tie rule.
	BoundaryTie bool
	// Reason is the Chinese explanation.
	Reason string
}

// Advance applies a gate. The ranking (and, per group, the group ranking)
// uses the tie-break chain; the result is aligned with candidates.
func Advance(cands []Candidate, gate Gate, chain []TieBreak) ([]Decision, error) {
	switch gate.Kind {
	case GateTopN, GateTopNPerGroup:
		if gate.N < 1 {
			return nil, fmt.Errorf("晋级名额 %d 应为正整数 (N must be positive)", gate.N)
		}
	case GateThreshold:
		if err := checkTotal("门槛分", gate.Threshold); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("未知的晋级规则 %q (unknown gate)", gate.Kind)
	}
	out := make([]Decision, len(cands))
	groups := map[string][]int{"": nil}
	if gate.Kind == GateTopNPerGroup {
		groups = map[string][]int{}
	}
	for i, c := range cands {
		g := ""
		if gate.Kind == GateTopNPerGroup {
			g = c.Group
		}
		groups[g] = append(groups[g], i)
	}
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	slices.Sort(names)
	for _, g := range names {
		members := groups[g]
		entrants := make([]Entrant, len(members))
		for k, i := range members {
			entrants[k] = cands[i].Entrant
		}
		placements, err := Rank(entrants, chain)
		if err != nil {
			return nil, err
		}
		for k, i := range members {
			out[i] = Decision{ID: cands[i].ID, Group: cands[i].Group, Placement: placements[k]}
		}
		decideGroup(out, members, gate)
	}
	return out, nil
}

// decideGroup applies the gate to the decisions of one ranked group.
func decideGroup(out []Decision, members []int, gate Gate) {
	for _, i := range members {
		d := &out[i]
		p := d.Placement
		switch {
		case !p.Ranked():
			d.Reason = "无有效得分，不晋级"
		case gate.Kind == GateThreshold:
			d.Advances = p.Score.Decimal.Cmp(gate.Threshold) >= 0
			if d.Advances {
				d.Reason = fmt.Sprintf("得分 %s ≥ 门槛 %s，晋级", p.Score.Decimal, gate.Threshold)
			} else {
				d.Reason = fmt.Sprintf("得分 %s < 门槛 %s，不晋级", p.Score.Decimal, gate.Threshold)
			}
		default:
			d.Advances, d.BoundaryTie, d.Reason = decideTopN(p, gate)
			if gate.Kind == GateTopNPerGroup {
				d.Reason = fmt.Sprintf("在“%s”组内%s", d.Group, d.Reason)
			}
		}
	}
	// A tie on score across the line was decided by the tie-break chain:
	// say so on both sides.
	type sides struct{ in, out bool }
	byScore := map[Decimal]sides{}
	for _, i := range members {
		if d := out[i]; d.Placement.Ranked() && len(d.Placement.TiedOnScore) > 0 {
			s := byScore[d.Placement.Score.Decimal]
			s.in, s.out = s.in || d.Advances, s.out || !d.Advances
			byScore[d.Placement.Score.Decimal] = s
		}
	}
	for _, i := range members {
		d := &out[i]
		if gate.Kind == GateThreshold || d.BoundaryTie || !d.Placement.Ranked() || len(d.Placement.TiedOnScore) == 0 {
			continue
		}
		if s := byScore[d.Placement.Score.Decimal]; s.in && s.out {
			d.BoundaryTie = true
			d.Reason += "；名额线上同分，" + d.Placement.Note()
		}
	}
}

// decideTopN decides one ranked entrant against N places.
func decideTopN(p Placement, gate Gate) (advances, boundary bool, reason string) {
	last := p.LastPlace()
	switch {
	case last <= gate.N:
		return true, false, fmt.Sprintf("排名第 %d，在前 %d 名之内，晋级", p.Rank, gate.N)
	case p.Rank > gate.N:
		return false, false, fmt.Sprintf("排名第 %d，未进入前 %d 名，不晋级", p.Rank, gate.N)
	case gate.ExcludeBoundaryTies:
		return false, true, fmt.Sprintf("与 %s 并列第 %d 名，跨越第 %d 名的名额线，决胜规则无法区分，按规则并列者均不晋级",
			joinNames(others(p.SharedWith, p.ID)), p.Rank, gate.N)
	}
	return true, true, fmt.Sprintf("与 %s 并列第 %d 名，跨越第 %d 名的名额线，决胜规则无法区分，按规则并列者均晋级（超出名额）",
		joinNames(others(p.SharedWith, p.ID)), p.Rank, gate.N)
}
