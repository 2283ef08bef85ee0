package scoring

import (
	"strings"
	"testing"
)

// shroutFleiss is Table 2 of Shrout & Fleiss (1979): 6 targets × 4 judges.
func shroutFleiss(tb testing.TB) [][]NullDecimal {
	return matrix(tb,
		"9 2 5 8",
		"6 1 3 2",
		"8 4 6 8",
		"7 1 2 6",
		"10 5 6 9",
		"6 2 4 7",
	)
}

// anxiety is the `anxiety` data of R's irr package: 20 subjects × 3 raters.
func anxiety(tb testing.TB) [][]NullDecimal {
	return matrix(tb,
		"3 3 2", "3 6 1", "3 4 4", "4 6 4", "5 2 3",
		"5 4 2", "2 2 1", "3 4 6", "5 3 1", "2 3 1",
		"2 2 1", "6 3 2", "1 3 3", "5 3 3", "2 2 1",
		"2 2 1", "1 1 3", "2 3 3", "4 3 2", "3 4 2",
	)
}

func TestComputeICC_ShroutFleissTable(t *testing.T) {
	icc := ComputeICC(shroutFleiss(t))
	if !icc.Valid {
		t.Fatalf("ComputeICC invalid: %s", icc.Reason)
	}
	// Published values: Table 3 (mean squares) and Table 4 (ICCs), two decimals.
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"BMS", icc.BMS, 11.24},
		{"WMS", icc.WMS, 6.26},
		{"JMS", icc.JMS, 32.49},
		{"EMS", icc.EMS, 1.02},
		{"ICC(1,1)", icc.ICC1.Float64, 0.17},
		{"ICC(2,1)", icc.ICC2.Float64, 0.29},
		{"ICC(3,1)", icc.ICC3.Float64, 0.71},
		{"ICC(1,4)", icc.ICC1k.Float64, 0.44},
		{"ICC(2,4)", icc.ICC2k.Float64, 0.62},
		{"ICC(3,4)", icc.ICC3k.Float64, 0.91},
	} {
		if !near(c.got, c.want, 2) {
			t.Errorf("%s = %.4f; want %.2f", c.name, c.got, c.want)
		}
	}
}

func TestComputeICC_IrrAnxietyAgreement(t *testing.T) {
	// irr::icc(anxiety, "twoway", "agreement") reports ICC(A,1) = 0.198.
	icc := ComputeICC(anxiety(t))
	if !near(icc.ICC2.Float64, 0.198, 3) {
		t.Errorf("ICC(2,1) = %.4f; want 0.198", icc.ICC2.Float64)
	}
}

func TestComputeICC_Undefined(t *testing.T) {
	for _, c := range []struct {
		name   string
		rows   []string
		reason string
	}{
		{"OneItem", []string{"1 2 3"}, "少于 2 个"},
		{"OneJudge", []string{"1", "2"}, "少于 2 人"},
		{"Missing", []string{"1 2", "3 ."}, "缺失"},
	} {
		t.Run(c.name, func(t *testing.T) {
			icc := ComputeICC(matrix(t, c.rows...))
			if icc.Valid || !strings.Contains(icc.Reason, c.reason) {
				t.Errorf("ComputeICC = valid %v reason %q; want invalid with %q", icc.Valid, icc.Reason, c.reason)
			}
		})
	}
	t.Run("AllEqual", func(t *testing.T) {
		icc := ComputeICC(matrix(t, "5 5", "5 5"))
		if icc.ICC1.Valid || icc.ICC2.Valid || icc.ICC3k.Valid {
			t.Errorf("ICC of constant data = %+v; want every form undefined", icc)
		}
	})
}

func TestComputeKendallW_IrrAnxiety(t *testing.T) {
	// irr::kendall(anxiety, correct = TRUE): W = 0.54, Chisq(19) = 30.8, p = 0.0429.
	k := ComputeKendallW(anxiety(t))
	if !k.Valid {
		t.Fatalf("invalid: %s", k.Reason)
	}
	if !near(k.W, 0.54, 2) || !near(k.ChiSquare, 30.8, 1) || k.DF != 19 || !near(k.P, 0.0429, 4) {
		t.Errorf("Kendall = W %.4f χ² %.3f df %d p %.5f; want 0.54, 30.8, 19, 0.0429", k.W, k.ChiSquare, k.DF, k.P)
	}
	if k.Items != 20 || k.Judges != 3 {
		t.Errorf("orientation = %d items, %d judges; want 20 items ranked by 3 judges", k.Items, k.Judges)
	}
}

func TestComputeKendallW_HandComputed(t *testing.T) {
	// Three judges, three items, identical orders: W = 1 exactly.
	k := ComputeKendallW(matrix(t, "1 2 3", "4 5 6", "7 8 9"))
	if !k.Valid || k.W != 1 {
		t.Errorf("identical rankings W = %v; want 1", k.W)
	}
	// Two judges with reversed orders of three items: rank sums all 4, S = 0.
	k = ComputeKendallW(matrix(t, "1 3", "2 2", "3 1"))
	if !k.Valid || k.W != 0 {
		t.Errorf("reversed rankings W = %v; want 0", k.W)
	}
	// Ties: judge 1 scores 5,5,9 (ranks 1.5,1.5,3), judge 2 scores 1,2,3.
	// R = 2.5, 3.5, 6; mean 4; S = 2.25+0.25+4 = 6.5; T = 2³−2 = 6;
	// W = 12·6.5 / (4·24 − 2·6) = 78/84.
	k = ComputeKendallW(matrix(t, "5 1", "5 2", "9 3"))
	if !near(k.W, 78.0/84, 12) || k.TieSum != 6 {
		t.Errorf("tied W = %v (T %v); want %v (T 6)", k.W, k.TieSum, 78.0/84)
	}
	k = ComputeKendallW(matrix(t, "5 5", "5 5"))
	if k.Valid {
		t.Errorf("all-tied W valid = %v; want undefined", k.W)
	}
}

func TestComputeAlphaInterval_KrippendorffExample(t *testing.T) {
	// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4
	// observers × 12 units with missing values; interval alpha = 0.849.
	coders := matrix(t,
		"1 2 3 3 2 1 4 1 2 . . .",
		"1 2 3 3 2 2 4 1 2 5 . 3",
		". 3 3 3 2 3 4 2 2 5 1 .",
		"1 2 3 3 2 4 4 1 2 5 1 .",
	)
	a := ComputeAlphaInterval(transpose(coders))
	if !a.Valid || !near(a.Alpha, 0.849, 3) {
		t.Fatalf("alpha = %.4f (valid %v); want 0.849", a.Alpha, a.Valid)
	}
	// Unit 12 has a single value and is not pairable.
	if a.Units != 11 || a.Values != 40 {
		t.Errorf("pairable = %d units, %d values; want 11, 40", a.Units, a.Values)
	}
}

func TestComputeAlphaInterval_Edges(t *testing.T) {
	if a := ComputeAlphaInterval(matrix(t, "1 1", "2 2", "3 3")); !a.Valid || a.Alpha != 1 {
		t.Errorf("perfect agreement alpha = %v; want 1", a.Alpha)
	}
	if a := ComputeAlphaInterval(matrix(t, "4 4", "4 4")); a.Valid {
		t.Errorf("constant data alpha valid = %v; want undefined", a.Alpha)
	}
	if a := ComputeAlphaInterval(matrix(t, "4 .", ". 5")); a.Valid {
		t.Errorf("no pairable unit alpha valid; want undefined")
	}
}

func TestAgree_RaggedAndReadings(t *testing.T) {
	if _, err := Agree([][]NullDecimal{{Scored(d("1")), Scored(d("2"))}, {Scored(d("1"))}}); err == nil {
		t.Error("Agree(ragged) error = nil; want a row-length error")
	}
	a, err := Agree(shroutFleiss(t))
	if err != nil {
		t.Fatal(err)
	}
	r := strings.Join(a.Readings(), "\n")
	for _, want := range []string{"ICC(2,1) = 0.29", "较差", "ICC(2,k) = 0.62", "中等", "Kendall W", "Krippendorff α"} {
		if !strings.Contains(r, want) {
			t.Errorf("Readings() lacks %q:\n%s", want, r)
		}
	}
}

func TestLevels(t *testing.T) {
	for _, c := range []struct {
		v    float64
		icc  string
		alph string
	}{
		{0.49, "较差", "不可靠"},
		{0.5, "中等", "不可靠"},
		{0.7, "中等", "仅可作初步结论"},
		{0.75, "良好", "仅可作初步结论"},
		{0.8, "良好", "可靠"},
		{0.9, "良好", "可靠"},
		{0.91, "优秀", "可靠"},
		{1, "优秀", "可靠"},
		// Estimates outside [0, 1] are not read as a level.
		{6, "超出 0–1", "可靠"},
		{-0.43, "为负", "不可靠"},
	} {
		if got := ICCLevel(c.v); !strings.HasPrefix(got, c.icc) {
			t.Errorf("ICCLevel(%v) = %q; want %q", c.v, got, c.icc)
		}
		if got := AlphaLevel(c.v); !strings.HasPrefix(got, c.alph) {
			t.Errorf("AlphaLevel(%v) = %q; want %q", c.v, got, c.alph)
		}
	}
}

func TestChiSquareSurvival(t *testing.T) {
	// Reference values: chi-square upper tail, from standard tables.
	for _, c := range []struct {
		x    float64
		df   int
		want float64
		dec  int
	}{
		{3.841, 1, 0.05, 3},
		{5.991, 2, 0.05, 3},
		{18.307, 10, 0.05, 3},
		{6.635, 1, 0.01, 3},
		{2, 2, 0.36788, 5}, // exp(−1) exactly for df = 2
		{0, 5, 1, 12},
	} {
		if got := chiSquareSurvival(c.x, c.df); !near(got, c.want, c.dec) {
			t.Errorf("chiSquareSurvival(%v, %d) = %.6f; want %v", c.x, c.df, got, c.want)
		}
	}
}

// TestAlpha_OneObjectIsNotComputed: with a single object alpha has no
// differences between objects to weigh the judges' against; it is refused
// with a reason (null in the score command), not reported as 0.
func TestAlpha_OneObjectIsNotComputed(t *testing.T) {
	a := ComputeAlphaInterval([][]NullDecimal{{Scored(d("9")), Scored(d("9.5")), {}}})
	if a.Valid || a.Reason == "" {
		t.Fatalf("alpha of one object = %+v; want not valid, with a reason", a)
	}
	two := ComputeAlphaInterval([][]NullDecimal{{Scored(d("9")), Scored(d("9.5"))}, {Scored(d("6")), Scored(d("6.5"))}})
	if !two.Valid {
		t.Fatalf("alpha of two objects = %+v; want computed", two)
	}
}
