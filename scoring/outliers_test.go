package scoring

import (
	"strings"
	"testing"
)

func TestFlagOutliers_ModifiedZ(t *testing.T) {
	// Sorted 3, 8, 8, 8.5, 8.5, 9: median 8.25; |deviations| 5.25, 0.25 ×4,
	// 0.75 → MAD 0.25. M(3) = 0.6745 × (−5.25)/0.25 = −14.1645; M(9) = 2.0235.
	rep, err := FlagOutliers(marksOf(t, "8", "8.5", "9", "8", "8.5", "3"), OutlierOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rule != OutlierModifiedZ || rep.Median.String() != "8.25" || rep.MAD.String() != "0.25" {
		t.Fatalf("rule %s median %s MAD %s; want modified_z, 8.25, 0.25", rep.Rule, rep.Median, rep.MAD)
	}
	flags := rep.Flags()
	if len(flags) != 1 || flags[0].Judge != "J6" || flags[0].Direction != DirectionLow {
		t.Fatalf("flags = %+v; want only J6 畸低", flags)
	}
	if !near(flags[0].M.Float64, -14.1645, 4) {
		t.Errorf("M(J6) = %v; want −14.1645", flags[0].M.Float64)
	}
	if j3 := rep.Judges[2]; j3.Flagged || !near(j3.M.Float64, 2.0235, 4) || j3.Direction != DirectionHigh {
		t.Errorf("J3 = %+v; want unflagged high, M 2.0235", j3)
	}
	if got := rep.Explain(flags[0]); !strings.HasPrefix(got, "畸低：3 比中位数 8.25 低 5.25，M = -14.16") {
		t.Errorf("Explain = %q", got)
	}
	if !strings.Contains(rep.RuleText(), "|M| > 3.5") {
		t.Errorf("RuleText = %q", rep.RuleText())
	}
}

func TestFlagOutliers_ExactBoundary(t *testing.T) {
	// 0, 1, 1, 2, 5: median 1, MAD 1, M(5) = 0.6745 × 4 = 2.698 exactly.
	// Float arithmetic could put 2.698 on either side; the comparison is exact.
	marks := marksOf(t, "0", "1", "1", "2", "5")
	at, _ := FlagOutliers(marks, OutlierOptions{Threshold: d("2.698")})
	below, _ := FlagOutliers(marks, OutlierOptions{Threshold: d("2.697999")})
	if len(at.Flags()) != 0 {
		t.Errorf("|M| = threshold flagged %v; the rule is |M| > threshold", at.Flags())
	}
	if f := below.Flags(); len(f) != 1 || f[0].Judge != "J5" || f[0].Direction != DirectionHigh {
		t.Errorf("threshold just below |M|: flags %v; want J5 畸高", f)
	}
}

func TestFlagOutliers_MADZeroFallback(t *testing.T) {
	max := OutlierOptions{Max: d("10")}
	for _, c := range []struct {
		name   string
		scores []string
		opts   OutlierOptions
		rule   OutlierRule
		flag   string
		dir    Direction
	}{
		{"FarBelow", []string{"8", "8", "8", "8", "2"}, max, OutlierShareOfMax, "J5", DirectionLow},
		{"AtCutoffInclusive", []string{"8", "8", "8", "8", "10"}, max, OutlierShareOfMax, "J5", DirectionHigh},
		{"Near", []string{"8", "8", "8", "8", "9.5"}, max, OutlierShareOfMax, "", DirectionNone},
		{"CustomShare", []string{"8", "8", "8", "8", "9.5"}, OutlierOptions{Max: d("10"), Share: d("0.15")}, OutlierShareOfMax, "J5", DirectionHigh},
		{"NoMax", []string{"8", "8", "8", "8", "2"}, OutlierOptions{}, OutlierUndecidable, "", DirectionNone},
		{"TooFew", []string{"8", "1"}, max, OutlierTooFew, "", DirectionNone},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, err := FlagOutliers(marksOf(t, c.scores...), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Rule != c.rule {
				t.Errorf("Rule = %s; want %s", rep.Rule, c.rule)
			}
			var got []string
			for _, f := range rep.Flags() {
				got = append(got, f.Judge)
				if f.Direction != c.dir {
					t.Errorf("%s direction = %s; want %s", f.Judge, f.Direction, c.dir)
				}
			}
			if strings.Join(got, " ") != c.flag {
				t.Errorf("flags = %v; want %q", got, c.flag)
			}
		})
	}
	rep, _ := FlagOutliers(marksOf(t, "8", "8", "8", "8", "2"), max)
	if want := "与中位数 8 相差不小于满分 10 的 20%（即 2）"; !strings.Contains(rep.RuleText(), want) {
		t.Errorf("RuleText = %q; want it to contain %q", rep.RuleText(), want)
	}
	if rep.Judges[4].M.Valid {
		t.Error("M defined with MAD = 0; want undefined")
	}
}

func TestFlagOutliers_SkipsMissingAndChecksOptions(t *testing.T) {
	rep, err := FlagOutliers(marksOf(t, "8", ".", "8.5", "9", "1"), OutlierOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.N != 4 || len(rep.Judges) != 4 {
		t.Errorf("N = %d, judges %d; want 4 (the missing judge skipped)", rep.N, len(rep.Judges))
	}
	for _, o := range []OutlierOptions{{Share: d("1.5")}, {Threshold: d("-1")}, {Max: d("-3")}} {
		if _, err := FlagOutliers(nil, o); err == nil {
			t.Errorf("FlagOutliers(%+v) error = nil; want a range error", o)
		}
	}
}
