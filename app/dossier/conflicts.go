package dossier

import "sort"

// Participation is one region named in one dossier.
type Participation struct {
	DossierID int64
	ChainID   int64
	RegionID  int64
	// Core is true for the core area (the applicant), false for a
	// collaborative area.
	Core bool
}

// ConflictKind says what the office should look at.
type ConflictKind string

// The conflict kinds.
const (
	// SameChain: the region takes part in two or more dossiers of the same
	// chain (leading one and collaborating in another, or collaborating in
	// several), so its figures may be counted twice.
	SameChain ConflictKind = "same_chain"
	// LeadsAndCollaborates: the region leads a dossier and is a
	// collaborative area in a dossier of another chain. Allowed, but the
	// office may want to know.
	LeadsAndCollaborates ConflictKind = "leads_and_collaborates"
)

// Label is the kind's Chinese name.
func (k ConflictKind) Label() string {
	switch k {
	case SameChain:
		return "同一产业链重复参与"
	case LeadsAndCollaborates:
		return "牵头申报的同时作为其他产业链协同区"
	}
	return string(k)
}

// Conflict is one region's overlapping participations.
type Conflict struct {
	RegionID int64
	Kind     ConflictKind
	// ChainID is the chain of a SameChain conflict; 0 otherwise.
	ChainID int64
	// Entries are the participations involved, by dossier id.
	Entries []Participation
}

// Conflicts finds the regions whose participations overlap. A region in
// two dossiers of one chain is a SameChain conflict for that chain; a
// region that leads a dossier and collaborates in a dossier of another
// chain (not already reported as SameChain) is LeadsAndCollaborates. The
// result is sorted by region, kind and chain.
func Conflicts(ps []Participation) []Conflict {
	byRegion := map[int64][]Participation{}
	for _, p := range ps {
		byRegion[p.RegionID] = append(byRegion[p.RegionID], p)
	}
	var out []Conflict
	for region, list := range byRegion {
		sort.Slice(list, func(i, j int) bool { return list[i].DossierID < list[j].DossierID })
		byChain := map[int64][]Participation{}
		for _, p := range list {
			byChain[p.ChainID] = append(byChain[p.ChainID], p)
		}
		for chain, same := range byChain {
			if distinctDossiers(same) > 1 {
				out = append(out, Conflict{RegionID: region, Kind: SameChain, ChainID: chain, Entries: same})
			}
		}
		var leads, collabs []Participation
		for _, p := range list {
			if p.Core {
				leads = append(leads, p)
			} else {
				collabs = append(collabs, p)
			}
		}
		var involved []Participation
		for _, c := range collabs {
			for _, l := range leads {
				if l.ChainID != c.ChainID {
					involved = appendOnce(involved, l)
					involved = appendOnce(involved, c)
				}
			}
		}
		if len(involved) > 0 {
			sort.Slice(involved, func(i, j int) bool { return involved[i].DossierID < involved[j].DossierID })
			out = append(out, Conflict{RegionID: region, Kind: LeadsAndCollaborates, Entries: involved})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.RegionID != b.RegionID {
			return a.RegionID < b.RegionID
		}
		if a.Kind != b.Kind {
			return a.Kind > b.Kind // same_chain before leads_and_collaborates
		}
		return a.ChainID < b.ChainID
	})
	return out
}

func distinctDossiers(ps []Participation) int {
	seen := map[int64]bool{}
	for _, p := range ps {
		seen[p.DossierID] = true
	}
	return len(seen)
}

func appendOnce(ps []Participation, p Participation) []Participation {
	for _, q := range ps {
		if q == p {
			return ps
		}
	}
	return append(ps, p)
}
