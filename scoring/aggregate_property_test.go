package scoring

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomPanel draws n scores on a 0.25 step in [0, 10], some missing.
func randomPanel(r *rand.Rand, n int, missingRate float64) []Mark {
	marks := make([]Mark, n)
	for i := range marks {
		marks[i].Judge = judgeName(i)
		if r.Float64() < missingRate {
			continue
		}
		v, _ := NewDecimal(int64(r.IntN(41))*25, 2)
		marks[i].Score = Scored(v)
	}
	return marks
}

func propertyOptions() []AggregateOptions {
	var out []AggregateOptions
	for _, m := range Methods {
		out = append(out, AggregateOptions{Method: m}, AggregateOptions{Method: m, Trim: ip(2), Decimals: ip(2)})
	}
	return out
}

func TestAggregate_PermutationInvariance(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 500; trial++ {
		marks := randomPanel(r, 1+r.IntN(16), 0.15)
		for _, opts := range propertyOptions() {
			a, err := Aggregate(marks, opts)
			if err != nil {
				t.Fatal(err)
			}
			shuffled := slices.Clone(marks)
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			b, err := Aggregate(shuffled, opts)
			if err != nil {
				t.Fatal(err)
			}
			if a.Exact.Cmp(b.Exact) != 0 || a.Value != b.Value || judgesOf(a.Low) != judgesOf(b.Low) ||
				judgesOf(a.High) != judgesOf(b.High) || slices.Compare(a.Missing, b.Missing) != 0 {
				t.Fatalf("%s on %v: shuffled result %s (drop %s|%s) differs from %s (drop %s|%s)",
					opts.Method, marks, b.Exact, judgesOf(b.Low), judgesOf(b.High), a.Exact, judgesOf(a.Low), judgesOf(a.High))
			}
		}
	}
}

func TestAggregate_WithinRange(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 500; trial++ {
		marks := randomPanel(r, 1+r.IntN(20), 0.1)
		for _, opts := range propertyOptions() {
			a, err := Aggregate(marks, opts)
			if err != nil || a.Empty() {
				continue
			}
			lo, hi := a.Sorted[0].Score.Decimal, a.Sorted[a.N-1].Score.Decimal
			if a.Exact.Cmp(RatioOf(lo)) < 0 || a.Exact.Cmp(RatioOf(hi)) > 0 {
				t.Fatalf("%s of %v = %s outside [%s, %s]", opts.Method, marks, a.Exact, lo, hi)
			}
			if opts.Method == MethodTrimmedMean && len(a.Counted) > 0 {
				clo, chi := a.Counted[0].Score.Decimal, a.Counted[len(a.Counted)-1].Score.Decimal
				if a.Exact.Cmp(RatioOf(clo)) < 0 || a.Exact.Cmp(RatioOf(chi)) > 0 {
					t.Fatalf("trimmed mean %s outside counted [%s, %s]", a.Exact, clo, chi)
				}
				if len(a.Counted) != a.N-2*a.Trim || len(a.Low) != a.Trim || len(a.High) != a.Trim {
					t.Fatalf("trimmed %d at each end of %d but kept %d", a.Trim, a.N, len(a.Counted))
				}
			}
		}
	}
}

func TestAggregate_ShiftAndScale(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	shift := d("3.25")
	for trial := 0; trial < 300; trial++ {
		marks := randomPanel(r, 1+r.IntN(16), 0.1)
		shifted := slices.Clone(marks)
		scaled := slices.Clone(marks)
		negated := slices.Clone(marks)
		for i, m := range marks {
			if m.Score.Valid {
				shifted[i].Score = Scored(m.Score.Decimal.Add(shift))
				v, _ := m.Score.Decimal.MulInt(2)
				scaled[i].Score = Scored(v)
				negated[i].Score = Scored(m.Score.Decimal.Neg())
			}
		}
		for _, m := range Methods {
			opts := AggregateOptions{Method: m}
			a, _ := Aggregate(marks, opts)
			if a.Empty() {
				continue
			}
			s, _ := Aggregate(shifted, opts)
			c, _ := Aggregate(scaled, opts)
			n, _ := Aggregate(negated, opts)
			// Shift: (Σx + k·c)/k = Σx/k + c, compared exactly.
			wantShift := newRatio(a.Exact.Num().Add(Decimal{shift.micros * a.Exact.Den()}), a.Exact.Den())
			if s.Exact.Cmp(wantShift) != 0 {
				t.Fatalf("%s: shift by %s gave %s; want %s", m, shift, s.Exact, wantShift)
			}
			twice, _ := a.Exact.Num().MulInt(2)
			if c.Exact.Cmp(newRatio(twice, a.Exact.Den())) != 0 {
				t.Fatalf("%s: doubling gave %s; want 2 × %s", m, c.Exact, a.Exact)
			}
			if n.Exact.Cmp(newRatio(a.Exact.Num().Neg(), a.Exact.Den())) != 0 {
				t.Fatalf("%s: negating gave %s; want −%s", m, n.Exact, a.Exact)
			}
		}
	}
}

func TestAggregate_MissingIsNeitherZeroNorCounted(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 300; trial++ {
		marks := randomPanel(r, 2+r.IntN(14), 0)
		withMissing := append(slices.Clone(marks), Mark{Judge: "X"})
		withZero := append(slices.Clone(marks), Mark{Judge: "X", Score: Scored(Decimal{})})
		for _, m := range Methods {
			opts := AggregateOptions{Method: m, Trim: ip(0)}
			a, _ := Aggregate(marks, opts)
			b, _ := Aggregate(withMissing, opts)
			z, _ := Aggregate(withZero, opts)
			if a.Exact.Cmp(b.Exact) != 0 || a.N != b.N || len(b.Missing) != 1 {
				t.Fatalf("%s: a missing score changed %s to %s", m, a.Exact, b.Exact)
			}
			if z.N != a.N+1 {
				t.Fatalf("%s: a zero score was not counted", m)
			}
			if m == MethodMean && a.Exact.Sign() > 0 && z.Exact.Cmp(a.Exact) >= 0 {
				t.Fatalf("mean: adding a zero to positive scores gave %s, not below %s", z.Exact, a.Exact)
			}
		}
	}
}
