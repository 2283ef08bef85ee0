package scoring

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// randomStage builds a stage of dossiers × judges × criteria with scores on a
// 0.5 step of a 0–10 scale: a dossier quality, a judge leniency and noise, so
// agreement statistics are realistic and ties occur.
func randomStage(r *rand.Rand, dossiers, judges, criteria int) StageInput {
	in := StageInput{Totals: TotalOptions{Decimals: ip(2)}}
	for j := 0; j < judges; j++ {
		in.Judges = append(in.Judges, fmt.Sprintf("J%02d", j+1))
	}
	agg := AggregateOptions{Method: MethodTrimmedMean, Decimals: ip(2)}
	for c := 0; c < criteria; c++ {
		in.Criteria = append(in.Criteria, Criterion{ID: fmt.Sprintf("C%02d", c+1), Max: d("10"), Weight: d("0.5"), Aggregate: agg})
	}
	in.TieBreaks = []TieBreak{TieBreakCriterion("C01", "C01"), TieBreakMedian()}
	lenient := make([]float64, judges)
	for j := range lenient {
		lenient[j] = r.NormFloat64() * 0.5
	}
	for i := 0; i < dossiers; i++ {
		quality := 5 + r.NormFloat64()*1.5
		ds := DossierScores{ID: fmt.Sprintf("D%04d", i+1), Scores: make([][]NullDecimal, criteria)}
		for c := range ds.Scores {
			ds.Scores[c] = make([]NullDecimal, judges)
			for j := range ds.Scores[c] {
				v := quality + lenient[j] + r.NormFloat64()
				halves := int64(v*2 + 0.5)
				halves = min(max(halves, 0), 20)
				s, _ := NewDecimal(halves*5, 1)
				ds.Scores[c][j] = Scored(s)
			}
		}
		in.Dossiers = append(in.Dossiers, ds)
	}
	return in
}

// BenchmarkScoreStage runs the whole pipeline (aggregate, round, weight,
// flags, judges' totals, agreement, ranking) on 1,000 dossiers × 15 judges ×
// 20 criteria. Target: ≤ 50 ms/op on one core (go test -bench ScoreStage -cpu 1).
func BenchmarkScoreStage(b *testing.B) {
	in := randomStage(rand.New(rand.NewPCG(1, 1)), 1000, 15, 20)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ScoreStage(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAggregate measures one trimmed mean of 15 scores.
func BenchmarkAggregate(b *testing.B) {
	marks := marksOf(b, "7", "7.5", "8", "6.5", "9", "7", "8.5", "7", "6", "8", "7.5", "9.5", "5", "8", "7")
	opts := AggregateOptions{Method: MethodTrimmedMean, Decimals: ip(2)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Aggregate(marks, opts); err != nil {
			b.Fatal(err)
		}
	}
}
