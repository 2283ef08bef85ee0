package scoring

import (
	"fmt"
	"slices"
	"strings"
)

// Mark is one judge's score for one item. A Mark whose Score is not Valid
// records a judge who did not score: it is left out, never counted as zero.
type Mark struct {
	Judge string
	Score NullDecimal
}

// AggregateOptions says how to combine one item's scores. Callers map a
// rubric's aggregation settings into it.
type AggregateOptions struct {
	// Method is one of the Methods.
	Method Method
	// Trim is the number of scores dropped (trimmed_mean) or replaced
	// (winsorized_mean) at EACH end. Nil applies the panel-size rule
	// (PanelRuleTrim). Ignored by mean and median.
	Trim *int
	// Decimals is where the result is rounded half-up. Nil keeps the
	// internal precision of Scale decimals.
	Decimals *int
}

// validate checks the options before any score is looked at.
func (o AggregateOptions) validate() error {
	if _, err := ParseMethod(string(o.Method)); err != nil {
		return err
	}
	if o.Trim != nil && (*o.Trim < 0 || *o.Trim > MaxJudges) {
		return fmt.Errorf("去分个数 %d 应为 0–%d 的整数 (trim out of range)", *o.Trim, MaxJudges)
	}
	return checkDecimals("小数位数", o.Decimals)
}

// Aggregation is one item's aggregate with everything needed to explain it on
// a calculation sheet: which scores counted, which judges were dropped at
// which end, the rule and why it applied, and the rounding.
type Aggregation struct {
	// Method is the method applied.
	Method Method
	// N is the number of judges who scored.
	N int
	// Missing lists, sorted, the judges given without a score.
	Missing []string
	// Trim is the count dropped or replaced at each end (0 for mean/median).
	Trim int
	// TrimSource says how Trim was chosen.
	TrimSource TrimSource
	// ConfiguredTrim is the configured count when TrimSource is
	// TrimConfigured or TrimReduced.
	ConfiguredTrim int
	// SmallPanel is set when N ≤ SmallPanelMax: too few judges to drop any.
	SmallPanel bool
	// Sorted holds every score given, ascending by value and then by judge,
	// which fixes which copy of a tied extreme is dropped.
	Sorted []Mark
	// Low and High are the scores dropped (trimmed_mean) or replaced
	// (winsorized_mean) at the low and the high end.
	Low, High []Mark
	// Counted are the scores that enter the result unchanged: all of them for
	// mean, the middle one or two for median, the rest for the others.
	Counted []Mark
	// LowReplacement and HighReplacement are the values that replace Low and
	// High under winsorized_mean.
	LowReplacement, HighReplacement Decimal
	// Exact is the unrounded result as a quotient.
	Exact Ratio
	// Decimals is where Value was rounded; Stated says whether the caller
	// stated it (otherwise it is the internal precision Scale).
	Decimals int
	Stated   bool
	// Value is Exact rounded half-up at Decimals. Meaningless when Empty.
	Value Decimal
}

// Empty reports whether nobody scored the item, so there is no result.
func (a Aggregation) Empty() bool { return a.N == 0 }

// Result returns the rounded value, absent when nobody scored.
func (a Aggregation) Result() NullDecimal {
	if a.Empty() {
		return NullDecimal{}
	}
	return Scored(a.Value)
}

// Dropped returns the judges dropped or replaced, low end first.
func (a Aggregation) Dropped() []Mark {
	out := make([]Mark, 0, len(a.Low)+len(a.High))
	return append(append(out, a.Low...), a.High...)
}

// Aggregate combines one item's scores. Marks without a score are left out
// and listed in Missing; judge names must be unique (empty names are allowed
// for anonymous scores). Nobody scoring is not an error: the result is Empty.
func Aggregate(marks []Mark, opts AggregateOptions) (Aggregation, error) {
	if err := opts.validate(); err != nil {
		return Aggregation{}, err
	}
	if len(marks) > MaxJudges {
		return Aggregation{}, fmt.Errorf("评分 %d 个，超过上限 %d (too many scores)", len(marks), MaxJudges)
	}
	if err := checkUniqueJudges(marks); err != nil {
		return Aggregation{}, err
	}
	owned := slices.Clone(marks)
	return aggregateOwned(owned, opts)
}

// checkUniqueJudges refuses two marks from the same named judge. Panels are
// small, so pairwise comparison beats building a map up to 32 judges.
func checkUniqueJudges(marks []Mark) error {
	if len(marks) <= 32 {
		for i, m := range marks {
			for _, o := range marks[i+1:] {
				if m.Judge != "" && m.Judge == o.Judge {
					return fmt.Errorf("评委 %q 出现多次 (duplicate judge)", m.Judge)
				}
			}
		}
		return nil
	}
	seen := make(map[string]struct{}, len(marks))
	for _, m := range marks {
		if m.Judge == "" {
			continue
		}
		if _, dup := seen[m.Judge]; dup {
			return fmt.Errorf("评委 %q 出现多次 (duplicate judge)", m.Judge)
		}
		seen[m.Judge] = struct{}{}
	}
	return nil
}

// aggregateOwned aggregates marks that the caller hands over: the slice is
// reordered and becomes the result's Sorted backing array. Options must be
// valid already.
func aggregateOwned(marks []Mark, opts AggregateOptions) (Aggregation, error) {
	a := Aggregation{Method: opts.Method, TrimSource: TrimNone, Decimals: Scale}
	if opts.Decimals != nil {
		a.Decimals, a.Stated = *opts.Decimals, true
	}
	n := 0
	for i := range marks {
		m := marks[i]
		if !m.Score.Valid {
			a.Missing = append(a.Missing, m.Judge)
			continue
		}
		if err := checkJudgeScore(m.Judge, m.Score.Decimal); err != nil {
			return Aggregation{}, err
		}
		marks[n] = m
		n++
	}
	slices.Sort(a.Missing)
	marks = marks[:n]
	sortMarks(marks)
	a.N, a.Sorted = n, marks
	a.SmallPanel = n <= SmallPanelMax
	if n == 0 {
		return a, nil
	}

	if opts.Method.trims() {
		a.Trim, a.TrimSource = PanelRuleTrim(n), TrimPanelRule
		if opts.Trim != nil {
			a.ConfiguredTrim, a.Trim, a.TrimSource = *opts.Trim, *opts.Trim, TrimConfigured
			if n < 2*a.Trim+1 {
				a.Trim, a.TrimSource = (n-1)/2, TrimReduced
			}
		}
	}
	k := a.Trim
	switch opts.Method {
	case MethodMean:
		a.Counted = marks
		a.Exact = newRatio(sumMarks(marks), int64(n))
	case MethodMedian:
		if n%2 == 1 {
			a.Counted = marks[n/2 : n/2+1]
			a.Exact = newRatio(marks[n/2].Score.Decimal, 1)
		} else {
			a.Counted = marks[n/2-1 : n/2+1]
			a.Exact = newRatio(sumMarks(a.Counted), 2)
		}
	case MethodTrimmedMean:
		a.Low, a.Counted, a.High = marks[:k], marks[k:n-k], marks[n-k:]
		a.Exact = newRatio(sumMarks(a.Counted), int64(n-2*k))
	case MethodWinsorizedMean:
		a.Low, a.Counted, a.High = marks[:k], marks[k:n-k], marks[n-k:]
		a.LowReplacement = marks[k].Score.Decimal
		a.HighReplacement = marks[n-k-1].Score.Decimal
		sum := sumMarks(a.Counted)
		sum = sum.Add(Decimal{a.LowReplacement.micros * int64(k)})
		sum = sum.Add(Decimal{a.HighReplacement.micros * int64(k)})
		a.Exact = newRatio(sum, int64(n))
	}
	a.Value = a.Exact.Round(a.Decimals)
	return a, nil
}

// sumMarks adds the scores of marks that are all present.
func sumMarks(marks []Mark) Decimal {
	var s int64
	for _, m := range marks {
		s += m.Score.Decimal.micros
	}
	return Decimal{s}
}

// sortMarks orders present marks by value and then by judge name, so the
// order (and which copy of a tie is dropped) never depends on input order.
func sortMarks(marks []Mark) {
	if len(marks) <= 32 {
		for i := 1; i < len(marks); i++ {
			for j := i; j > 0 && markLess(marks[j], marks[j-1]); j-- {
				marks[j], marks[j-1] = marks[j-1], marks[j]
			}
		}
		return
	}
	slices.SortFunc(marks, func(x, y Mark) int {
		if c := x.Score.Decimal.Cmp(y.Score.Decimal); c != 0 {
			return c
		}
		return strings.Compare(x.Judge, y.Judge)
	})
}

func markLess(x, y Mark) bool {
	if x.Score.Decimal.micros != y.Score.Decimal.micros {
		return x.Score.Decimal.micros < y.Score.Decimal.micros
	}
	return x.Judge < y.Judge
}
