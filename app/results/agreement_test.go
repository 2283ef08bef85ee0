package results

import (
	"math"
	"strings"
	"testing"

	"chainjudge/scoring"
)

// row places scores at the given judge columns of a panel of n judges.
func row(t *testing.T, n int, at map[int]string) []scoring.NullDecimal {
	t.Helper()
	out := make([]scoring.NullDecimal, n)
	for j, v := range at {
		d, err := scoring.ParseDecimal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[j] = scoring.Scored(d)
	}
	return out
}

// TestPanelAgreement_RandomDrawGetsOneWayICC: a drawn panel gives each
// dossier its own three of six judges, so the two-way ICC cannot be
// computed; the one-way forms can, and match the hand calculation
// (row means 9, 6, 3, 12, every row ±1: BMS = 45, WMS = 1,
// ICC(1,1) = 44/47, ICC(1,3) = 44/45).
func TestPanelAgreement_RandomDrawGetsOneWayICC(t *testing.T) {
	m := [][]scoring.NullDecimal{
		row(t, 6, map[int]string{0: "8", 1: "9", 2: "10"}),
		row(t, 6, map[int]string{3: "5", 4: "6", 5: "7"}),
		row(t, 6, map[int]string{0: "2", 2: "3", 4: "4"}),
		row(t, 6, map[int]string{1: "11", 3: "12", 5: "13"}),
	}
	p := panelAgreement("全体评委", m, 6)
	if p.ICC2 != nil || p.ICC1 == nil || p.ICC1k == nil {
		t.Fatalf("ICC2 %v, ICC1 %v, ICC1k %v; want only the one-way forms", p.ICC2, p.ICC1, p.ICC1k)
	}
	if math.Abs(*p.ICC1-44.0/47) > 1e-9 || math.Abs(*p.ICC1k-44.0/45) > 1e-9 {
		t.Errorf("ICC(1,1) = %v, ICC(1,k) = %v; want 44/47 and 44/45", *p.ICC1, *p.ICC1k)
	}
	if !strings.Contains(p.Readings[0], "单向随机") || !strings.Contains(p.Readings[0], "ICC(1,1) = 0.94") ||
		!strings.Contains(p.Readings[0], "每份 3 位") {
		t.Errorf("reading = %q; want the one-way model named with its values", p.Readings[0])
	}

	// Dossiers scored by different numbers of judges: not computed.
	m[3] = row(t, 6, map[int]string{1: "11", 3: "12"})
	p = panelAgreement("全体评委", m, 6)
	if p.ICC1 != nil || !strings.Contains(p.Readings[0], "ICC 未计算") {
		t.Errorf("unequal panels: ICC1 %v, reading %q; want not computed", p.ICC1, p.Readings[0])
	}
}
