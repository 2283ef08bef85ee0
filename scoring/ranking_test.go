package scoring

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func entrant(id, score string, keys ...string) Entrant {
	e := Entrant{ID: id}
	if score != "" {
		e.Score = Scored(d(score))
	}
	if len(keys) > 0 {
		e.Keys = map[string]Decimal{}
		for i := 0; i+1 < len(keys); i += 2 {
			e.Keys[keys[i]] = d(keys[i+1])
		}
	}
	return e
}

// ranksOf writes placements as "A=1 B=2 C=-" (unranked as "-").
func ranksOf(ps []Placement) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		rank := "-"
		if p.Ranked() {
			rank = strconv.Itoa(p.Rank)
		}
		parts[i] = p.ID + "=" + rank
	}
	return strings.Join(parts, " ")
}

func TestRank_StandardCompetition(t *testing.T) {
	ps, err := Rank([]Entrant{entrant("A", "90"), entrant("B", "85"), entrant("C", "85"), entrant("D", "80"), entrant("E", "")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := ranksOf(ps); got != "A=1 B=2 C=2 D=4 E=-" {
		t.Errorf("ranks = %s; want 1224 with E unranked", got)
	}
	if b := ps[1]; strings.Join(b.SharedWith, ",") != "B,C" || b.Decided || b.LastPlace() != 3 {
		t.Errorf("B = %+v; want shared with C, undecided", b)
	}
	if got := ps[1].Note(); got != "与 C 总分同为 85，各项决胜规则均相同，并列第 2 名" {
		t.Errorf("Note = %q", got)
	}
	if got := ps[4].Note(); got != "无有效得分，不参与排名" {
		t.Errorf("unranked Note = %q", got)
	}
}

func TestRank_TieBreakChain(t *testing.T) {
	k1 := TieBreakCriterion("C1", "协同创新力")
	k2 := TieBreakStage("S1", "申报")
	chain := []TieBreak{k1, k2}
	es := []Entrant{
		entrant("D", "90"),
		entrant("A", "85", k1.Key, "10", k2.Key, "1"),
		entrant("B", "85", k1.Key, "8", k2.Key, "5"),
		entrant("C", "85", k1.Key, "8", k2.Key, "4"),
		entrant("E", "85", k1.Key, "8", k2.Key, "4"),
		entrant("F", "70"),
	}
	ps, err := Rank(es, chain)
	if err != nil {
		t.Fatal(err)
	}
	if got := ranksOf(ps); got != "D=1 A=2 B=3 C=4 E=4 F=6" {
		t.Errorf("ranks = %s; want D=1 A=2 B=3 C=4 E=4 F=6", got)
	}
	by := map[string]Placement{}
	for _, p := range ps {
		by[p.ID] = p
	}
	if p := by["A"]; !p.Decided || p.DecidedBy.Key != k1.Key {
		t.Errorf("A decided by %v; want %s", p.DecidedBy, k1.Key)
	}
	if p := by["B"]; !p.Decided || p.DecidedBy.Key != k2.Key {
		t.Errorf("B decided by %v; want %s", p.DecidedBy, k2.Key)
	}
	if p := by["C"]; !p.Decided || p.DecidedBy.Key != k2.Key || strings.Join(p.SharedWith, ",") != "C,E" {
		t.Errorf("C = %+v; want decided by stage and shared with E", p)
	}
	if got := by["A"].Note(); got != "与 B、C、E 总分同为 85，按“指标“协同创新力”得分”决出，列第 2 名" {
		t.Errorf("A Note = %q", got)
	}
	if got := by["C"].Note(); !strings.Contains(got, "与 E 仍完全相同，并列第 4 名") {
		t.Errorf("C Note = %q", got)
	}
}

func TestRank_AscendingAndErrors(t *testing.T) {
	fewer := TieBreak{Key: "deductions", Label: "扣分项数", Ascending: true}
	ps, err := Rank([]Entrant{entrant("A", "80", "deductions", "2"), entrant("B", "80", "deductions", "1")}, []TieBreak{fewer})
	if err != nil {
		t.Fatal(err)
	}
	if got := ranksOf(ps); got != "A=2 B=1" {
		t.Errorf("ascending ranks = %s; want B first", got)
	}
	if _, err := Rank([]Entrant{entrant("A", "80", "x", "1"), entrant("B", "80")}, []TieBreak{{Key: "x"}}); err == nil ||
		!strings.Contains(err.Error(), `"B"`) {
		t.Errorf("missing key error = %v; want it to name B", err)
	}
	if _, err := Rank([]Entrant{entrant("A", "1"), entrant("A", "2")}, nil); err == nil {
		t.Error("duplicate id error = nil")
	}
	if _, err := Rank(nil, []TieBreak{{Key: "x"}, {Key: "x"}}); err == nil {
		t.Error("duplicate tie-break key error = nil")
	}
	// A key missing from an entrant that is not tied is fine.
	if _, err := Rank([]Entrant{entrant("A", "81"), entrant("B", "80")}, []TieBreak{{Key: "x"}}); err != nil {
		t.Errorf("untied entrant without key: %v", err)
	}
}

func TestRank_HugeTieIsLinear(t *testing.T) {
	// Every entrant equal: each shares first place. The tie lists are shared
	// slices, so this needs O(n) memory rather than O(n²).
	const n = 50_000
	es := make([]Entrant, n)
	for i := range es {
		es[i] = Entrant{ID: strconv.Itoa(i), Score: Scored(d("80"))}
	}
	ps, err := Rank(es, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Rank != 1 || len(p.SharedWith) != n || p.LastPlace() != n {
			t.Fatalf("%s: rank %d shared %d; want 1 shared by all %d", p.ID, p.Rank, len(p.SharedWith), n)
		}
	}
}

func TestRank_OrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	chain := []TieBreak{{Key: "k1"}, {Key: "k2"}}
	for trial := 0; trial < 200; trial++ {
		var es []Entrant
		for i := 0; i < 2+r.IntN(12); i++ {
			e := entrant(judgeName(i), []string{"", "1", "2", "3"}[r.IntN(4)],
				"k1", []string{"1", "2"}[r.IntN(2)], "k2", []string{"1", "2"}[r.IntN(2)])
			es = append(es, e)
		}
		a, err := Rank(es, chain)
		if err != nil {
			t.Fatal(err)
		}
		shuffled := slices.Clone(es)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		b, err := Rank(shuffled, chain)
		if err != nil {
			t.Fatal(err)
		}
		SortPlacements(a)
		SortPlacements(b)
		for i := range a {
			if a[i].ID != b[i].ID || a[i].Rank != b[i].Rank || a[i].DecidedBy != b[i].DecidedBy ||
				slices.Compare(a[i].SharedWith, b[i].SharedWith) != 0 {
				t.Fatalf("order changed the result: %+v vs %+v", a[i], b[i])
			}
		}
	}
}
