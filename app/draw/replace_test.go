package draw

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestReplace_MemberFirstThenAlternate(t *testing.T) {
	pool := []Candidate{
		{ID: 1, Name: "甲", Organisation: "A", Home: xuzhou, Enabled: true},
		{ID: 2, Name: "乙", Organisation: "A", Home: suzhou, Enabled: true},
		{ID: 3, Name: "丙", Organisation: "B", Home: wuxi, Enabled: true},
		{ID: 4, Name: "丁", Organisation: "A", Home: nanjing, Enabled: true},
		{ID: 5, Name: "戊", Organisation: "C", Home: nanjing, Enabled: true},
	}
	ds := []Dossier{{ID: 10, Label: "宜兴", Areas: []Area{{Place: yixing, Core: true}}},
		{ID: 20, Label: "昆山", Areas: []Area{{Place: Place{Region: 302, City: 300}, Core: true}}}}
	in := Input{Seed: "r", Pool: pool, Dossiers: ds, Constraints: Constraints{Members: 2, Alternates: 2, PerDossier: 1, MaxPerOrg: 2, MaxLoad: 2}}
	p := Panel{Members: []int64{1, 2}, Alternates: []int64{4, 5},
		Assigned: []Pair{{Expert: 1, Dossier: 10}, {Expert: 2, Dossier: 20}},
		Loads:    map[int64]int{1: 1, 2: 1}}

	t.Run("AnotherMember", func(t *testing.T) {
		p := p
		p.Declined = []Pair{{Expert: 1, Dossier: 10}}
		p.Assigned = []Pair{{Expert: 2, Dossier: 20}}
		p.Loads = map[int64]int{1: 0, 2: 1}
		got, err := Replace(in, p, 10)
		if err != nil || got.Expert != 2 || got.Promoted {
			t.Fatalf("Replace = %+v, %v; want member 2 (member 1 declined)", got, err)
		}
		if !strings.Contains(got.Reason, "专家组成员乙接替") {
			t.Errorf("reason %q", got.Reason)
		}
	})
	t.Run("AlternateWhenMembersCannot", func(t *testing.T) {
		p := p
		// Member 2 lives in Suzhou, the city of dossier 20; member 1 declined it.
		p.Declined = []Pair{{Expert: 1, Dossier: 20}}
		p.Assigned = []Pair{{Expert: 1, Dossier: 10}}
		got, err := Replace(in, p, 20)
		// Alternate 4 would make three from organisation A: skipped; 5 is next.
		if err != nil || got.Expert != 5 || !got.Promoted {
			t.Fatalf("Replace = %+v, %v; want alternate 5 promoted", got, err)
		}
	})
	t.Run("LoadCapAndUnavailable", func(t *testing.T) {
		p := p
		p.Declined = []Pair{{Expert: 1, Dossier: 10}}
		p.Assigned = []Pair{{Expert: 2, Dossier: 20}}
		p.Loads = map[int64]int{2: 2}
		p.Unavailable = map[int64]bool{5: true}
		got, err := Replace(in, p, 10)
		if err == nil {
			t.Fatalf("Replace = %+v; want refusal (2 at cap, 3 in Wuxi, 4 over the quota, 5 disabled)", got)
		}
		var de *Error
		if !errors.As(err, &de) || !strings.Contains(de.Message, "没有能接替评审“宜兴”的专家") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("UnknownDossier", func(t *testing.T) {
		if _, err := Replace(in, p, 99); err == nil {
			t.Error("a dossier outside the draw was accepted")
		}
	})
}

// TestReplace_KeepsConstraintsOverManySeeds draws random panels, then lets
// random assigned experts decline, and checks every replacement.
func TestReplace_KeepsConstraintsOverManySeeds(t *testing.T) {
	replaced := 0
	for i := range 600 {
		r := rand.New(rand.NewPCG(uint64(i), 77))
		in := randomInstance(r, fmt.Sprint("replace-", i))
		res, err := Run(in)
		if err != nil {
			continue
		}
		norm := in.Normalized()
		byID := map[int64]Candidate{}
		for _, c := range norm.Pool {
			byID[c.ID] = c
		}
		p := Panel{Members: append([]int64{}, res.Members...), Alternates: append([]int64{}, res.Alternates...),
			Assigned: append([]Pair{}, res.Assignments...), Loads: map[int64]int{}}
		for _, c := range norm.Pool {
			p.Loads[c.ID] = c.Load
		}
		for _, a := range p.Assigned {
			p.Loads[a.Expert]++
		}
		for range 3 {
			gone := p.Assigned[r.IntN(len(p.Assigned))]
			p.Declined = append(p.Declined, gone)
			p.Assigned = removePair(p.Assigned, gone)
			p.Loads[gone.Expert]--
			rep, err := Replace(in, p, gone.Dossier)
			if err != nil {
				break
			}
			replaced++
			c := byID[rep.Expert]
			var d Dossier
			for _, x := range norm.Dossiers {
				if x.ID == gone.Dossier {
					d = x
				}
			}
			cons := in.Constraints
			cons.Excluded = append(cons.Excluded, p.Declined...)
			if ok, why := Eligible(c, d, cons); !ok {
				t.Fatalf("seed %d: replacement %d not eligible for %d: %s", i, rep.Expert, d.ID, why)
			}
			if cons.MaxLoad > 0 && p.Loads[rep.Expert] >= cons.MaxLoad {
				t.Fatalf("seed %d: replacement %d over the load cap", i, rep.Expert)
			}
			for _, a := range p.Assigned {
				if a == (Pair{Expert: rep.Expert, Dossier: d.ID}) {
					t.Fatalf("seed %d: replacement already on the dossier", i)
				}
			}
			if rep.Promoted {
				p.Members = append(p.Members, rep.Expert)
				p.Alternates = removeID(p.Alternates, rep.Expert)
				orgs := map[string]int{}
				for _, id := range p.Members {
					orgs[byID[id].Organisation]++
				}
				if org := c.Organisation; cons.MaxPerOrg > 0 && org != "" && orgs[org] > cons.MaxPerOrg {
					t.Fatalf("seed %d: promotion breaks the organisation quota", i)
				}
			}
			p.Assigned = append(p.Assigned, Pair{Expert: rep.Expert, Dossier: d.ID})
			p.Loads[rep.Expert]++
		}
	}
	if replaced < 300 {
		t.Errorf("only %d replacements exercised", replaced)
	}
}

func removePair(ps []Pair, x Pair) []Pair {
	var out []Pair
	for _, p := range ps {
		if p != x {
			out = append(out, p)
		}
	}
	return out
}

func removeID(ids []int64, x int64) []int64 {
	var out []int64
	for _, id := range ids {
		if id != x {
			out = append(out, id)
		}
	}
	return out
}
