package rubrics

import (
	"testing"
)

func TestObjectivePoints_Bands(t *testing.T) {
	c := &Criterion{ID: "A1.1", Kind: KindObjective, Max: MustDecimal("8"), Bands: []Band{
		{From: MustDecimal("200"), Points: MustDecimal("2")},
		{From: MustDecimal("500"), Points: MustDecimal("4")},
		{From: MustDecimal("1000"), Points: MustDecimal("6")},
		{From: MustDecimal("2000"), Points: MustDecimal("8")},
	}}
	tests := map[string]string{
		"-5": "0", "0": "0", "199.99": "0", "200": "2", "499.999999": "2", "500": "4",
		"1999": "6", "2000": "8", "1000000": "8",
	}
	for value, want := range tests {
		got, err := c.ObjectivePoints(MustDecimal(value))
		if err != nil || got.String() != want {
			t.Errorf("ObjectivePoints(%s) = %s, %v; want %s", value, got, err, want)
		}
	}
}

func TestObjectivePoints_Linear(t *testing.T) {
	rising := &Criterion{ID: "A4.1", Kind: KindObjective, Max: MustDecimal("6"),
		Linear: &Linear{ZeroAt: MustDecimal("1.5"), FullAt: MustDecimal("4"), Decimals: 2}}
	falling := &Criterion{ID: "S1.3", Kind: KindObjective, Max: MustDecimal("10"),
		Linear: &Linear{ZeroAt: MustDecimal("1.2"), FullAt: MustDecimal("0.4"), Decimals: 1}}
	thirds := &Criterion{ID: "T", Kind: KindObjective, Max: MustDecimal("1"),
		Linear: &Linear{ZeroAt: MustDecimal("0"), FullAt: MustDecimal("3"), Decimals: 2}}
	tests := []struct {
		c     *Criterion
		value string
		want  string
	}{
		{rising, "1", "0"},         // below zero_at: capped at 0
		{rising, "1.5", "0"},       // at zero_at
		{rising, "2.75", "3"},      // half way
		{rising, "3.2", "4.08"},    // 6 × 1.7 / 2.5 = 4.08 exactly
		{rising, "2.6", "2.64"},    // 6 × 1.1 / 2.5 = 2.64
		{rising, "1.5025", "0.01"}, // 6 × 0.0025 / 2.5 = 0.006 → 0.01 (half-up)
		{rising, "1.502", "0"},     // 0.0048 → 0.00
		{rising, "4", "6"},         // at full_at
		{rising, "25", "6"},        // above: capped at max
		{falling, "1.2", "0"},
		{falling, "2", "0"},
		{falling, "0.8", "5"},
		{falling, "0.41", "9.9"}, // 10 × 0.79 / 0.8 = 9.875 → 9.9
		{falling, "0.1", "10"},
		{thirds, "1", "0.33"},     // 1/3 → 0.33
		{thirds, "2", "0.67"},     // 2/3 → 0.67
		{thirds, "0.045", "0.02"}, // 0.015 → 0.02: half-up on an exact tie
	}
	for _, tt := range tests {
		got, err := tt.c.ObjectivePoints(MustDecimal(tt.value))
		if err != nil || got.String() != tt.want {
			t.Errorf("%s.ObjectivePoints(%s) = %s, %v; want %s", tt.c.ID, tt.value, got, err, tt.want)
		}
	}
}

func TestObjectivePoints_Errors(t *testing.T) {
	if _, err := pointsCriterion().ObjectivePoints(MustDecimal("1")); err == nil {
		t.Errorf("ObjectivePoints on a points criterion succeeded")
	}
	noRule := &Criterion{ID: "X", Kind: KindObjective, Max: MustDecimal("5")}
	if _, err := noRule.ObjectivePoints(MustDecimal("1")); err == nil {
		t.Errorf("ObjectivePoints without a formula succeeded")
	}
	flat := &Criterion{ID: "Y", Kind: KindObjective, Max: MustDecimal("5"), Linear: &Linear{ZeroAt: MustDecimal("1"), FullAt: MustDecimal("1")}}
	if _, err := flat.ObjectivePoints(MustDecimal("1")); err == nil {
		t.Errorf("ObjectivePoints with zero_at = full_at succeeded")
	}
}

func TestObjectivePoints_ExtremeValues(t *testing.T) {
	// The largest magnitudes a rubric allows must not overflow.
	big := MustDecimal("1000000000")
	c := &Criterion{ID: "Z", Kind: KindObjective, Max: big,
		Linear: &Linear{ZeroAt: MustDecimal("-1000000000"), FullAt: big, Decimals: 6}}
	tests := map[string]string{
		"0":                 "500000000",
		"999999999.999998":  "999999999.999999", // (2e9 − 0.000002) / 2e9 × 1e9, exact
		"999999999.999999":  "1000000000",       // …999.9999995 rounds half-up to the max
		"-999999999.999999": "0.000001",         // 0.0000005 rounds half-up
	}
	for value, want := range tests {
		got, err := c.ObjectivePoints(MustDecimal(value))
		if err != nil || got.String() != want {
			t.Errorf("ObjectivePoints(%s) near the limit = %s, %v; want %s", value, got, err, want)
		}
	}
}
