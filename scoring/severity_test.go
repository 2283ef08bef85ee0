package scoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// designedObservations: 12 dossiers of known quality, 4 judges with known
// leniency (+1, −1, +0.5, −0.5; Σ = 0), each judge skipping some dossiers
// so the design is incomplete but connected. y = quality + leniency exactly.
func designedObservations() ([]Observation, []float64, []float64) {
	quality := []float64{60, 62.5, 65, 70, 71, 73.5, 75, 80, 82, 85, 88, 90}
	lenient := []float64{1, -1, 0.5, -0.5}
	var obs []Observation
	for di, q := range quality {
		for j, b := range lenient {
			if (di+j)%4 == 0 { // each judge skips every fourth dossier
				continue
			}
			v, _ := RoundFloat(q+b, 2)
			obs = append(obs, Observation{Dossier: fmt.Sprintf("D%02d", di), Judge: fmt.Sprintf("J%d", j+1), Value: v})
		}
	}
	return obs, quality, lenient
}

func TestCorrectSeverity_RecoversKnownEffects(t *testing.T) {
	obs, quality, lenient := designedObservations()
	res, err := CorrectSeverity(obs, SeverityOptions{Decimals: ip(2)})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Applied {
		t.Fatalf("refused: %s", res.Refusal)
	}
	for j, je := range res.Judges {
		if math.Abs(je.Effect-lenient[j]) > 1e-9 || je.Count != 9 {
			t.Errorf("%s effect %.6f (n %d); want %.1f (n 9)", je.Judge, je.Effect, je.Count, lenient[j])
		}
	}
	for d, ds := range res.Dossiers {
		if math.Abs(ds.Adjusted-quality[d]) > 1e-9 {
			t.Errorf("%s adjusted %.6f; want %.2f", ds.Dossier, ds.Adjusted, quality[d])
		}
	}
	// The raw mean is biased by which judges happened to score: D00 lacks J1.
	if raw := res.Dossiers[0].RawMean.Float64(); math.Abs(raw-(60+(-1+0.5-0.5)/3.0)) > 1e-9 {
		t.Errorf("D00 raw mean %.4f; want 59.6667", raw)
	}
	// Order of observations does not matter.
	r := rand.New(rand.NewPCG(11, 12))
	shuffled := slices.Clone(obs)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	again, _ := CorrectSeverity(shuffled, SeverityOptions{Decimals: ip(2)})
	for d := range res.Dossiers {
		if again.Dossiers[d].Rounded != res.Dossiers[d].Rounded {
			t.Fatalf("shuffled input changed %s: %s vs %s", res.Dossiers[d].Dossier, again.Dossiers[d].Rounded, res.Dossiers[d].Rounded)
		}
	}
}

func TestCorrectSeverity_Refusals(t *testing.T) {
	obs, _, _ := designedObservations()
	// Two panels that never share a dossier cannot be compared.
	var split []Observation
	for _, o := range obs {
		if o.Dossier < "D06" && (o.Judge == "J1" || o.Judge == "J2") || o.Dossier >= "D06" && (o.Judge == "J3" || o.Judge == "J4") {
			split = append(split, o)
		}
	}
	res, err := CorrectSeverity(split, SeverityOptions{MinScoresPerJudge: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Applied || !strings.Contains(res.Refusal, "分成 2 个互不相连的部分") {
		t.Errorf("disconnected: applied %v, refusal %q", res.Applied, res.Refusal)
	}
	few := append(slices.Clone(obs), Observation{Dossier: "D00", Judge: "J9", Value: d("70")})
	res, _ = CorrectSeverity(few, SeverityOptions{})
	if res.Applied || !strings.Contains(res.Refusal, "J9（1 份）") || !strings.Contains(res.Refusal, "少于 8 份") {
		t.Errorf("too few: applied %v, refusal %q", res.Applied, res.Refusal)
	}
	if res, _ := CorrectSeverity(nil, SeverityOptions{}); res.Applied || res.Refusal == "" {
		t.Errorf("no data: %+v; want a refusal", res)
	}
	dup := append(slices.Clone(obs), obs[0])
	if _, err := CorrectSeverity(dup, SeverityOptions{}); err == nil {
		t.Error("duplicate observation error = nil")
	}
}
