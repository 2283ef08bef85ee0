package dossier

import (
	"reflect"
	"testing"
)

func TestConflicts(t *testing.T) {
	const ic, bio = 10, 20
	ps := []Participation{
		{DossierID: 1, ChainID: ic, RegionID: 100, Core: true},  // 江阴 leads IC
		{DossierID: 1, ChainID: ic, RegionID: 200},              // 宜兴 collaborates in IC
		{DossierID: 2, ChainID: bio, RegionID: 200, Core: true}, // 宜兴 leads bio
		{DossierID: 2, ChainID: bio, RegionID: 300},             // 无锡 collaborates in bio
		{DossierID: 3, ChainID: ic, RegionID: 300, Core: true},  // 无锡 leads IC
		{DossierID: 3, ChainID: ic, RegionID: 100},              // 江阴 collaborates in 无锡's IC bid too
	}
	got := Conflicts(ps)
	want := []Conflict{
		{RegionID: 100, Kind: SameChain, ChainID: ic, Entries: []Participation{ps[0], ps[5]}},
		{RegionID: 200, Kind: LeadsAndCollaborates, Entries: []Participation{ps[1], ps[2]}},
		{RegionID: 300, Kind: LeadsAndCollaborates, Entries: []Participation{ps[3], ps[4]}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Conflicts =\n%+v\nwant\n%+v", got, want)
	}
	if Conflicts(ps[:2]) != nil {
		t.Error("one dossier alone has no conflicts")
	}
}
