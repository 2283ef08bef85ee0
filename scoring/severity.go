package scoring

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// DefaultMinScoresPerJudge is the fewest dossiers a judge must have scored
// for the severity correction to estimate that judge's effect.
const DefaultMinScoresPerJudge = 8

// Observation is one judge's score for one dossier.
type Observation struct {
	Dossier, Judge string
	Value          Decimal
}

// SeverityOptions configures CorrectSeverity.
type SeverityOptions struct {
	// MinScoresPerJudge: zero means DefaultMinScoresPerJudge.
	MinScoresPerJudge int
	// Decimals rounds the adjusted scores for display (nil: Scale).
	Decimals *int
}

// JudgeEffect is one judge's estimated leniency b_j: positive scores higher
// than the panel, negative harsher. The effects sum to zero.
type JudgeEffect struct {
	Judge  string
	Effect float64
	Count  int
}

// AdjustedScore is one dossier's raw mean beside its severity-corrected
// score μ + a_d.
type AdjustedScore struct {
	Dossier string
	// RawMean is the plain mean of the scores the dossier received.
	RawMean Ratio
	// Adjusted is μ + a_d; Rounded is it rounded half-up for display.
	Adjusted float64
	Rounded  Decimal
	Count    int
}

// Severity is the outcome of CorrectSeverity. It is always shown beside the
// raw result, never instead of it.
type Severity struct {
	// Applied is false when the model was refused; Refusal says why.
	Applied bool
	Refusal string
	// Mean is μ, the mean of the adjusted dossier scores.
	Mean float64
	// Judges (sorted by judge) and Dossiers (sorted by dossier).
	Judges   []JudgeEffect
	Dossiers []AdjustedScore
}

// CorrectSeverity fits the additive judge-effect model
// y_dj = μ + a_d + b_j + e_dj by least squares on the observed cells only,
// with Σ b_j = 0, and returns the adjusted dossier scores μ + a_d. It refuses
// (Applied false, with the reason) when the judge–dossier graph is not
// connected or a judge scored fewer than MinScoresPerJudge dossiers, because
// then judges' leniency cannot be told apart from dossiers' quality.
func CorrectSeverity(obs []Observation, opts SeverityOptions) (Severity, error) {
	if err := checkDecimals("小数位数", opts.Decimals); err != nil {
		return Severity{}, err
	}
	minPer := opts.MinScoresPerJudge
	if minPer == 0 {
		minPer = DefaultMinScoresPerJudge
	}
	if minPer < 1 {
		return Severity{}, fmt.Errorf("每位评委最少评分数 %d 应为正数 (minimum must be positive)", minPer)
	}
	dec := Scale
	if opts.Decimals != nil {
		dec = *opts.Decimals
	}
	m, err := newSeverityModel(obs)
	if err != nil {
		return Severity{}, err
	}
	out := m.describe()
	if len(obs) == 0 {
		out.Refusal = "没有评分数据，不做宽严校正"
		return out, nil
	}
	if parts := m.components(); parts > 1 {
		out.Refusal = fmt.Sprintf("评委与材料的评分关系分成 %d 个互不相连的部分，各部分评委的宽严无法相互比较，不做宽严校正", parts)
		return out, nil
	}
	var few []string
	for j, name := range m.judges {
		if m.judgeCount[j] < minPer {
			few = append(few, fmt.Sprintf("%s（%d 份）", name, m.judgeCount[j]))
		}
	}
	if len(few) > 0 {
		out.Refusal = fmt.Sprintf("评委 %s评分少于 %d 份，无法可靠估计其宽严，不做宽严校正", strings.Join(few, "、"), minPer)
		return out, nil
	}
	b := m.solveJudgeEffects()
	var mu float64
	for d := range m.dossiers {
		var s float64
		for _, c := range m.byDossier[d] {
			s += c.y - b[c.j]
		}
		adj := s / float64(len(m.byDossier[d]))
		out.Dossiers[d].Adjusted = adj
		r, err := RoundFloat(adj, dec)
		if err != nil {
			return Severity{}, err
		}
		out.Dossiers[d].Rounded = r
		mu += adj
	}
	out.Mean = mu / float64(len(m.dossiers))
	for j := range out.Judges {
		out.Judges[j].Effect = b[j]
	}
	out.Applied = true
	return out, nil
}

// severityModel indexes the observations by dossier and judge, both sorted by
// name so the result does not depend on input order.
type severityModel struct {
	dossiers, judges []string
	byDossier        [][]cell
	judgeCount       []int
	rawSum           []Decimal
}

type cell struct {
	j int
	y float64
}

func newSeverityModel(obs []Observation) (*severityModel, error) {
	m := &severityModel{}
	dIdx, jIdx := map[string]int{}, map[string]int{}
	for _, o := range obs {
		if o.Dossier == "" || o.Judge == "" {
			return nil, fmt.Errorf("评分记录缺少材料或评委编号 (observation without dossier or judge)")
		}
		if err := checkTotal("评分", o.Value); err != nil {
			return nil, err
		}
		if _, ok := dIdx[o.Dossier]; !ok {
			dIdx[o.Dossier] = 0
			m.dossiers = append(m.dossiers, o.Dossier)
		}
		if _, ok := jIdx[o.Judge]; !ok {
			jIdx[o.Judge] = 0
			m.judges = append(m.judges, o.Judge)
		}
	}
	slices.Sort(m.dossiers)
	slices.Sort(m.judges)
	for i, d := range m.dossiers {
		dIdx[d] = i
	}
	for i, j := range m.judges {
		jIdx[j] = i
	}
	m.byDossier = make([][]cell, len(m.dossiers))
	m.judgeCount = make([]int, len(m.judges))
	m.rawSum = make([]Decimal, len(m.dossiers))
	seen := make(map[[2]int]bool, len(obs))
	for _, o := range obs {
		d, j := dIdx[o.Dossier], jIdx[o.Judge]
		if seen[[2]int{d, j}] {
			return nil, fmt.Errorf("评委 %s 对材料 %s 有多条评分 (duplicate observation)", o.Judge, o.Dossier)
		}
		seen[[2]int{d, j}] = true
		m.byDossier[d] = append(m.byDossier[d], cell{j: j, y: o.Value.Float64()})
		m.judgeCount[j]++
		m.rawSum[d] = m.rawSum[d].Add(o.Value)
	}
	// Sum in judge order within each dossier so float results are stable.
	for d := range m.byDossier {
		slices.SortFunc(m.byDossier[d], func(a, b cell) int { return a.j - b.j })
	}
	return m, nil
}

// describe fills the parts of the result that do not need the fit.
func (m *severityModel) describe() Severity {
	var out Severity
	for j, name := range m.judges {
		out.Judges = append(out.Judges, JudgeEffect{Judge: name, Count: m.judgeCount[j]})
	}
	for d, name := range m.dossiers {
		n := len(m.byDossier[d])
		out.Dossiers = append(out.Dossiers, AdjustedScore{Dossier: name, Count: n, RawMean: newRatio(m.rawSum[d], int64(n))})
	}
	return out
}

// components counts the connected parts of the bipartite judge–dossier graph.
func (m *severityModel) components() int {
	nd := len(m.dossiers)
	parent := make([]int, nd+len(m.judges))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for d, cells := range m.byDossier {
		for _, c := range cells {
			a, b := find(d), find(nd+c.j)
			if a != b {
				parent[a] = b
			}
		}
	}
	parts := 0
	for i := range parent {
		if find(i) == i {
			parts++
		}
	}
	return parts
}

// solveJudgeEffects solves the normal equations for b after eliminating the
// dossier effects: C·b = r with C = diag(n_j) − Σ_d (1/n_d)·1_{J(d)}1_{J(d)}ᵀ
// and r_j = Σ_{d∈D(j)} (y_dj − ȳ_d). C is singular along 1 (adding the same
// constant to every b changes nothing), so the system solved is (C + 11ᵀ)b = r,
// whose solution has Σb = 0 because Σr = 0.
func (m *severityModel) solveJudgeEffects() []float64 {
	k := len(m.judges)
	a := make([][]float64, k)
	for j := range a {
		a[j] = make([]float64, k+1)
		a[j][j] = float64(m.judgeCount[j])
		for l := range k {
			a[j][l]++
		}
	}
	for _, cells := range m.byDossier {
		nd := float64(len(cells))
		var mean float64
		for _, c := range cells {
			mean += c.y
		}
		mean /= nd
		for _, c := range cells {
			a[c.j][k] += c.y - mean
			for _, o := range cells {
				a[c.j][o.j] -= 1 / nd
			}
		}
	}
	return solveGauss(a)
}

// solveGauss solves the augmented k × (k+1) system in place by Gaussian
// elimination with partial pivoting.
func solveGauss(a [][]float64) []float64 {
	k := len(a)
	for col := 0; col < k; col++ {
		p := col
		for r := col + 1; r < k; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		a[col], a[p] = a[p], a[col]
		for r := col + 1; r < k; r++ {
			f := a[r][col] / a[col][col]
			for c := col; c <= k; c++ {
				a[r][c] -= f * a[col][c]
			}
		}
	}
	x := make([]float64, k)
	for r := k - 1; r >= 0; r-- {
		s := a[r][k]
		for c := r + 1; c < k; c++ {
			s -= a[r][c] * x[c]
		}
		x[r] = s / a[r][r]
	}
	return x
}
