package draw

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Regions used in the tests: two cities with their counties.
var (
	wuxi     = Place{Region: 100, City: 100}
	jiangyin = Place{Region: 101, City: 100}
	yixing   = Place{Region: 102, City: 100}
	nanjing  = Place{Region: 200, City: 200}
	jiangnin = Place{Region: 201, City: 200}
	suzhou   = Place{Region: 300, City: 300}
	sip      = Place{Region: 301, City: 300}
	xuzhou   = Place{Region: 400, City: 400}
)

func TestConflict_RegionRule(t *testing.T) {
	countyBid := &Dossier{ID: 1, Areas: []Area{{Place: jiangyin, Core: true}, {Place: sip}}}
	cityBid := &Dossier{ID: 2, Areas: []Area{{Place: nanjing, Core: true}}}
	tests := []struct {
		name  string
		home  Place
		d     *Dossier
		want  bool
		words string
	}{
		{"CoreArea", jiangyin, countyBid, true, "核心区"},
		{"CityOfCountyBid", wuxi, countyBid, true, "所在的设区市"},
		{"CollaborativeArea", sip, countyBid, true, "协同区"},
		{"CityOfCollaborativeZone", suzhou, countyBid, true, "协同区所在的设区市"},
		{"SiblingCountyIsFine", yixing, countyBid, false, ""},
		{"CountyOfCityBid", jiangnin, cityBid, true, "所在的设区市是该申报的核心区"},
		{"OtherCity", xuzhou, countyBid, false, ""},
		{"UnknownHome", Place{}, countyBid, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := Conflict(tt.home, tt.d)
			if got != tt.want {
				t.Fatalf("Conflict(%v) = %v; want %v", tt.home, got, tt.want)
			}
			if r := ConflictReason(tt.home, tt.d); !strings.Contains(r, tt.words) || (tt.words == "") != (r == "") {
				t.Errorf("reason = %q; want it to mention %q", r, tt.words)
			}
		})
	}
}

// pool12 is twelve experts in four organisations, spread over the cities.
func pool12() []Candidate {
	homes := []Place{wuxi, jiangyin, yixing, nanjing, jiangnin, suzhou, sip, xuzhou, xuzhou, nanjing, suzhou, Place{}}
	var out []Candidate
	for i := range 12 {
		out = append(out, Candidate{ID: int64(i + 1), Name: fmt.Sprintf("专家%02d", i+1),
			Organisation: fmt.Sprintf("单位%d", i%4), Home: homes[i], Chains: []int64{7, 8}, Enabled: true})
	}
	return out
}

func dossiers3() []Dossier {
	return []Dossier{
		{ID: 11, Label: "江阴·集成电路", Chain: 7, Areas: []Area{{Place: jiangyin, Core: true}}},
		{ID: 12, Label: "南京·集成电路", Chain: 7, Areas: []Area{{Place: nanjing, Core: true}, {Place: sip}}},
		{ID: 13, Label: "徐州·工程机械", Chain: 8, Areas: []Area{{Place: xuzhou, Core: true}}},
	}
}

func baseInput(seed string) Input {
	return Input{Seed: seed, Pool: pool12(), Dossiers: dossiers3(), Constraints: Constraints{
		Members: 5, Alternates: 2, PerDossier: 3, MaxPerOrg: 2, MaxLoad: 3, MatchExpertise: true}}
}

func TestRun_SameSeedSameDraw(t *testing.T) {
	a, err := Run(baseInput("2026-申报评审-A"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(baseInput("2026-申报评审-A"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("same seed, different draws:\n%+v\n%+v", a, b)
	}
	// The order in which the caller lists the pool and dossiers does not matter.
	shuffled := baseInput("2026-申报评审-A")
	slices.Reverse(shuffled.Pool)
	slices.Reverse(shuffled.Dossiers)
	shuffled.Pool[0].Chains = []int64{8, 7, 8}
	c, err := Run(shuffled)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, c) {
		t.Fatalf("reordered input changed the draw:\n%+v\n%+v", a, c)
	}
	if in := baseInput("2026-申报评审-A"); in.Hash() != shuffled.Hash() {
		t.Errorf("Hash differs for the same input listed in another order")
	}
	if baseInput("a").Hash() == baseInput("b").Hash() {
		t.Errorf("Hash ignores the seed")
	}
}

func TestRun_SeedsGiveDifferentPanels(t *testing.T) {
	seen := map[string]bool{}
	for i := range 40 {
		r, err := Run(baseInput(fmt.Sprintf("seed-%d", i)))
		if err != nil {
			continue
		}
		seen[fmt.Sprint(r.Members)] = true
	}
	if len(seen) < 10 {
		t.Errorf("40 seeds gave only %d different panels", len(seen))
	}
}

// TestRun_EveryoneEquallyLikely checks the draw is fair when no constraint
// bites: over many seeds each expert is drawn about equally often.
func TestRun_EveryoneEquallyLikely(t *testing.T) {
	var pool []Candidate
	for i := range 10 {
		pool = append(pool, Candidate{ID: int64(i + 1), Organisation: fmt.Sprint("单位", i), Enabled: true, Chains: []int64{1}})
	}
	in := Input{Pool: pool, Dossiers: []Dossier{{ID: 1, Chain: 1, Label: "甲"}},
		Constraints: Constraints{Members: 3, PerDossier: 3}}
	counts := map[int64]int{}
	const rounds = 3000
	for i := range rounds {
		in.Seed = fmt.Sprint("fair-", i)
		r, err := Run(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range r.Members {
			counts[id]++
		}
	}
	want := rounds * 3 / 10
	for id := int64(1); id <= 10; id++ {
		if c := counts[id]; c < want*85/100 || c > want*115/100 {
			t.Errorf("expert %d drawn %d times; want about %d", id, c, want)
		}
	}
}

func TestRun_BalancesLoad(t *testing.T) {
	var pool []Candidate
	for i := range 7 {
		pool = append(pool, Candidate{ID: int64(i + 1), Organisation: fmt.Sprint("单位", i), Enabled: true})
	}
	var ds []Dossier
	for i := range 10 {
		ds = append(ds, Dossier{ID: int64(100 + i), Label: fmt.Sprint("申报", i)})
	}
	r, err := Run(Input{Seed: "balance", Pool: pool, Dossiers: ds, Constraints: Constraints{Members: 7, PerDossier: 3}})
	if err != nil {
		t.Fatal(err)
	}
	loads := r.Loads()
	lo, hi := 100, 0
	for _, id := range r.Members {
		lo, hi = min(lo, loads[id]), max(hi, loads[id])
	}
	if hi-lo > 1 || len(r.Assignments) != 30 {
		t.Errorf("loads %v (%d assignments); want 30 spread 4–5 each", loads, len(r.Assignments))
	}
}

func TestRun_ReservesSeatsForANeedyDossier(t *testing.T) {
	// Dossier 2 lies in Nanjing; four of the six experts live there. With 3
	// seats and 3 experts needed per dossier, the walk must keep seats for
	// the two who may score it.
	pool := []Candidate{
		{ID: 1, Name: "甲", Organisation: "A", Home: nanjing, Enabled: true},
		{ID: 2, Name: "乙", Organisation: "B", Home: nanjing, Enabled: true},
		{ID: 3, Name: "丙", Organisation: "C", Home: jiangnin, Enabled: true},
		{ID: 4, Name: "丁", Organisation: "D", Home: xuzhou, Enabled: true},
		{ID: 5, Name: "戊", Organisation: "E", Home: suzhou, Enabled: true},
		{ID: 6, Name: "己", Organisation: "F", Home: wuxi, Enabled: true},
	}
	ds := []Dossier{{ID: 1, Label: "徐州", Areas: []Area{{Place: Place{Region: 900, City: 900}, Core: true}}},
		{ID: 2, Label: "南京", Areas: []Area{{Place: nanjing, Core: true}}}}
	for i := range 200 {
		r, err := Run(Input{Seed: fmt.Sprint("need-", i), Pool: pool, Dossiers: ds, Constraints: Constraints{Members: 3, PerDossier: 3}})
		if err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
		if slices.Contains(r.Members, 1) || slices.Contains(r.Members, 2) || slices.Contains(r.Members, 3) {
			t.Fatalf("seed %d drew a Nanjing expert: %v; order %+v", i, r.Members, r.Order)
		}
		for _, s := range r.Order {
			if s.Outcome == OutcomeSkipped && !strings.Contains(s.Reason, "剩余名额须留给能评审“南京”的专家") {
				t.Errorf("skip reason %q", s.Reason)
			}
		}
	}
}

func TestRun_RefusesInfeasibleWithChineseReason(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Input)
		field string
		words string
	}{
		{"FewerMembersThanPerDossier", func(in *Input) { in.Constraints.Members = 2 }, "members", "少于每份申报所需的 3 位"},
		{"PoolTooSmall", func(in *Input) { in.Constraints.Members = 13; in.Constraints.MaxLoad = 0 }, "members", "可参加抽取的专家只有"},
		{"DossierWithoutEnoughExperts", func(in *Input) {
			for i := range in.Pool[:10] {
				in.Pool[i].Chains = []int64{7}
			}
		}, "per_dossier", "申报“徐州·工程机械”只有 2 位专家可以评审"},
		{"OrganisationQuota", func(in *Input) { in.Constraints.MaxPerOrg = 1 }, "max_per_org", "同一单位至多 1 位"},
		{"LoadCapTooLow", func(in *Input) { in.Constraints.MaxLoad = 1 }, "max_load", "最多只能完成 5 人次"},
		{"TooManyAlternates", func(in *Input) { in.Constraints.Alternates = 9 }, "alternates", "少于要求的 9 位"},
		{"NoDossiers", func(in *Input) { in.Dossiers = nil }, "", "没有需要分配专家的申报"},
		{"NegativeAlternates", func(in *Input) { in.Constraints.Alternates = -1 }, "alternates", "不能为负数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := baseInput("infeasible")
			tt.edit(&in)
			_, err := Run(in)
			var de *Error
			if !errors.As(err, &de) {
				t.Fatalf("Run = %v; want *Error", err)
			}
			if de.Field != tt.field || !strings.Contains(de.Message, tt.words) {
				t.Errorf("error = %q (field %q); want field %q mentioning %q", de.Message, de.Field, tt.field, tt.words)
			}
		})
	}
}

func TestRun_RecordsWhyCandidatesWereLeftOut(t *testing.T) {
	in := baseInput("record")
	in.Constraints.Alternates = 0
	in.Pool[0].Enabled = false
	in.Pool[1].Load, in.Constraints.MaxLoad = 3, 3
	in.Pool[2].Chains = []int64{55}
	r, err := Run(in)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[int64]string{}
	for _, s := range r.Ineligible {
		reasons[s.Expert] = s.Reason
	}
	for id, words := range map[int64]string{1: "暂停抽取", 2: "达到每人 3 份的上限", 3: "专业领域不含"} {
		if !strings.Contains(reasons[id], words) {
			t.Errorf("expert %d: reason %q; want %q", id, reasons[id], words)
		}
	}
	if len(r.Order)+len(r.Ineligible) != len(in.Pool) {
		t.Errorf("record covers %d+%d of %d candidates", len(r.Order), len(r.Ineligible), len(in.Pool))
	}
}

func TestRun_SupplementaryDrawFillsWhatIsMissing(t *testing.T) {
	in := baseInput("supplement")
	in.Dossiers[0].Need, in.Dossiers[1].Need = 1, 2
	in.Dossiers = in.Dossiers[:2]
	in.Constraints.Members, in.Constraints.Alternates = 3, 0
	// Experts already on the dossiers are excluded from them.
	in.Constraints.Excluded = []Pair{{Expert: 4, Dossier: 11}, {Expert: 5, Dossier: 12}}
	r, err := Run(in)
	if err != nil {
		t.Fatal(err)
	}
	count := map[int64]int{}
	for _, p := range r.Assignments {
		count[p.Dossier]++
		if (p == Pair{Expert: 4, Dossier: 11}) || (p == Pair{Expert: 5, Dossier: 12}) {
			t.Errorf("an excluded expert was assigned: %+v", p)
		}
	}
	if count[11] != 1 || count[12] != 2 {
		t.Errorf("assignments per dossier = %v; want 1 and 2", count)
	}
	in.Dossiers[0].Need = 9
	if _, err := Run(in); err == nil || !strings.Contains(err.Error(), "所需专家数 9 应在 1–3 之间") {
		t.Errorf("a need above the panel rule: %v", err)
	}
}
