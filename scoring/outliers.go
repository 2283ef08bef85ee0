package scoring

import (
	"fmt"
	"slices"
)

// Outlier defaults (Iglewicz & Hoaglin 1993; NIST e-Handbook 1.3.5.17).
var (
	// DefaultOutlierThreshold flags |M| > 3.5.
	DefaultOutlierThreshold = MustDecimal("3.5")
	// DefaultOutlierShare flags, when MAD = 0, a score at least 20 % of the
	// criterion's maximum away from the median.
	DefaultOutlierShare = MustDecimal("0.2")
)

// OutlierMinPanel is the smallest panel on which scores are flagged.
const OutlierMinPanel = 3

// madConstant is 0.6745 in ten-thousandths: M = 0.6745·(x − median)/MAD.
const madConstant = 6745

// OutlierOptions configures FlagOutliers. The zero value uses the defaults
// and no MAD = 0 fallback.
type OutlierOptions struct {
	// Threshold flags |M| > Threshold; zero means DefaultOutlierThreshold.
	Threshold Decimal
	// Share is the fallback's share of Max, in (0, 1]; zero means
	// DefaultOutlierShare.
	Share Decimal
	// Max is the criterion's maximum score. Zero disables the fallback used
	// when MAD = 0.
	Max Decimal
}

// withDefaults fills zero fields and checks the rest.
func (o OutlierOptions) withDefaults() (OutlierOptions, error) {
	if o.Threshold.IsZero() {
		o.Threshold = DefaultOutlierThreshold
	}
	if o.Share.IsZero() {
		o.Share = DefaultOutlierShare
	}
	if o.Threshold.Sign() < 0 || o.Threshold.Cmp(maxAbsScore) > 0 {
		return o, fmt.Errorf("畸高畸低阈值 %s 应为正数 (outlier threshold out of range)", o.Threshold)
	}
	if o.Share.Sign() < 0 || o.Share.Cmp(Decimal{unit}) > 0 {
		return o, fmt.Errorf("满分比例 %s 应在 (0, 1] 之内 (outlier share out of range)", o.Share)
	}
	if o.Max.Sign() < 0 || o.Max.Cmp(maxAbsScore) > 0 {
		return o, fmt.Errorf("满分 %s 应在 0–%d 之间 (maximum out of range)", o.Max, MaxAbsScore)
	}
	return o, nil
}

// Direction says which way a score departs from the panel's median. It is
// written as "high", "low" or "" in JSON.
type Direction uint8

// The directions of a departure from the median.
const (
	// DirectionNone: the score equals the median.
	DirectionNone Direction = iota
	// DirectionHigh: above the median (畸高).
	DirectionHigh
	// DirectionLow: below the median (畸低).
	DirectionLow
)

// String returns "high", "low" or "".
func (d Direction) String() string {
	switch d {
	case DirectionHigh:
		return "high"
	case DirectionLow:
		return "low"
	}
	return ""
}

// MarshalText writes the direction's String.
func (d Direction) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Label returns 畸高, 畸低 or "".
func (d Direction) Label() string {
	switch d {
	case DirectionHigh:
		return "畸高"
	case DirectionLow:
		return "畸低"
	}
	return ""
}

// OutlierRule names the test that decided the flags.
type OutlierRule string

// The outlier tests.
const (
	// OutlierModifiedZ: |M| > threshold, M = 0.6745·(x − median)/MAD.
	OutlierModifiedZ OutlierRule = "modified_z"
	// OutlierShareOfMax: MAD = 0, so |x − median| ≥ share × max.
	OutlierShareOfMax OutlierRule = "share_of_max"
	// OutlierUndecidable: MAD = 0 and no maximum was given.
	OutlierUndecidable OutlierRule = "undecidable"
	// OutlierTooFew: fewer than OutlierMinPanel scores.
	OutlierTooFew OutlierRule = "too_few"
)

// JudgeDeviation is one judge's score seen against the panel.
type JudgeDeviation struct {
	Judge string
	Score Decimal
	// M is the modified z-score; undefined when MAD = 0.
	M NullFloat
	// Direction is the side of the median the score lies on.
	Direction Direction
	// Flagged marks a 畸高/畸低 score that needs a written reason.
	Flagged bool
}

// OutlierReport is the outcome of FlagOutliers for one item. Scores are only
// flagged, never removed: the 畸高/畸低 workflow asks the judge for a reason.
type OutlierReport struct {
	// Rule is the test applied.
	Rule OutlierRule
	// N is the number of scores looked at.
	N int
	// Median and MAD (median absolute deviation) of the scores, exactly.
	Median, MAD Ratio
	// Options are the settings used, defaults filled in.
	Options OutlierOptions
	// Judges lists every judge who scored, in the order given.
	Judges []JudgeDeviation
}

// Deviation returns a judge's score − median, exactly.
func (r OutlierReport) Deviation(d JudgeDeviation) Ratio {
	m := r.Median
	// s − a/b = (s·b − a)/b with b ∈ {1, 2}.
	return newRatio(Decimal{d.Score.micros*m.Den() - m.num.micros}, m.Den()).reduced()
}

// Flags returns the flagged judges in the order given.
func (r OutlierReport) Flags() []JudgeDeviation {
	var out []JudgeDeviation
	for _, j := range r.Judges {
		if j.Flagged {
			out = append(out, j)
		}
	}
	return out
}

// FlagOutliers computes each judge's modified z-score and flags |M| above the
// threshold; when MAD = 0 (more than half the panel gave the same score) it
// flags a score at least Share × Max away from the median instead. All
// comparisons are exact. Marks without a score are skipped.
func FlagOutliers(marks []Mark, opts OutlierOptions) (OutlierReport, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return OutlierReport{}, err
	}
	if len(marks) > MaxJudges {
		return OutlierReport{}, fmt.Errorf("评分 %d 个，超过上限 %d (too many scores)", len(marks), MaxJudges)
	}
	judges := make([]string, len(marks))
	scores := make([]NullDecimal, len(marks))
	values := make([]int64, 0, len(marks))
	for i, m := range marks {
		judges[i], scores[i] = m.Judge, m.Score
		if m.Score.Valid {
			if err := checkJudgeScore(m.Judge, m.Score.Decimal); err != nil {
				return OutlierReport{}, err
			}
			values = append(values, m.Score.Decimal.micros)
		}
	}
	sortInt64s(values)
	rep := OutlierReport{Options: opts, Judges: make([]JudgeDeviation, 0, len(values))}
	flagOutliersInto(&rep, judges, scores, values)
	return rep, nil
}

// flagOutliersInto fills rep for the present scores, reported in the order
// of judges and scores. sorted holds the present scores in ascending order
// and is overwritten. Options must be filled in already.
func flagOutliersInto(rep *OutlierReport, judges []string, scores []NullDecimal, sorted []int64) {
	n := len(sorted)
	rep.N = n
	if n == 0 {
		rep.Rule = OutlierTooFew
		return
	}
	// Work in doubled units so the median of an even panel stays integral,
	// and in quadrupled units for the MAD of an even panel.
	med2 := 2 * sorted[n/2]
	if n%2 == 0 {
		med2 = sorted[n/2-1] + sorted[n/2]
	}
	for i, v := range sorted {
		sorted[i] = abs64(2*v - med2)
	}
	sortInt64s(sorted)
	mad4 := 2 * sorted[n/2]
	if n%2 == 0 {
		mad4 = sorted[n/2-1] + sorted[n/2]
	}
	rep.Median = newRatio(Decimal{med2}, 2).reduced()
	rep.MAD = newRatio(Decimal{mad4}, 4).reduced()

	switch {
	case n < OutlierMinPanel:
		rep.Rule = OutlierTooFew
	case mad4 > 0:
		rep.Rule = OutlierModifiedZ
	case rep.Options.Max.IsZero():
		rep.Rule = OutlierUndecidable
	default:
		rep.Rule = OutlierShareOfMax
	}
	t := rep.Options.Threshold.micros
	share4 := 4 * rep.Options.Share.micros
	max := rep.Options.Max.micros
	for i, sc := range scores {
		if !sc.Valid {
			continue
		}
		dev2 := 2*sc.Decimal.micros - med2
		dev4 := 2 * abs64(dev2)
		d := JudgeDeviation{Judge: judges[i], Score: sc.Decimal}
		switch {
		case dev2 > 0:
			d.Direction = DirectionHigh
		case dev2 < 0:
			d.Direction = DirectionLow
		}
		if mad4 > 0 {
			d.M = someFloat(float64(madConstant) / 10000 * float64(2*dev2) / float64(mad4))
		}
		switch rep.Rule {
		case OutlierModifiedZ:
			// 0.6745·dev/MAD > T  ⇔  674500·dev4 > T(micros)·mad4
			d.Flagged = cmpProducts(madConstant*unit/10000, dev4, t, mad4) > 0
		case OutlierShareOfMax:
			// dev ≥ share·max  ⇔  dev4·unit ≥ 4·share(micros)·max(micros)
			d.Flagged = dev4 > 0 && cmpProducts(dev4, unit, share4, max) >= 0
		}
		rep.Judges = append(rep.Judges, d)
	}
}

// sortInt64s sorts small slices by insertion, which beats the general sort
// for a panel of judges.
func sortInt64s(v []int64) {
	if len(v) > 32 {
		slices.Sort(v)
		return
	}
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

// reduced returns the same quotient with the divisor made as small as
// possible among 1, 2 and 4, so medians print as "7.5" rather than "15/2".
func (r Ratio) reduced() Ratio {
	for r.den > 1 && r.num.micros%2 == 0 && r.den%2 == 0 {
		r.num.micros /= 2
		r.den /= 2
	}
	if d, ok := r.Exact(); ok {
		return newRatio(d, 1)
	}
	return r
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
