package app

import (
	"context"
	"net/http"

	"chainjudge/app/dossier"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// conflictEntry is one dossier a conflicting region takes part in.
type conflictEntry struct {
	DossierID int64
	Number    string
	Title     string
	Chain     string
	Core      string
	Role      store.AreaRole
	Status    store.DossierStatus
}

// conflictView is one region whose participations overlap.
type conflictView struct {
	Region  string
	Kind    dossier.ConflictKind
	Chain   string
	Entries []conflictEntry
}

// competitionConflicts lists the overlapping participations of a
// competition's dossiers (withdrawn ones left out). With onlyDossier set,
// only the conflicts involving that dossier are kept.
func (s *Server) competitionConflicts(ctx context.Context, compID, onlyDossier int64) ([]conflictView, error) {
	parts, err := s.store.FindParticipations(ctx, compID, store.DossierWithdrawn)
	if err != nil {
		return nil, err
	}
	in := make([]dossier.Participation, len(parts))
	var regionIDs, dossierIDs []int64
	for i, p := range parts {
		in[i] = dossier.Participation{DossierID: p.DossierID, ChainID: p.ChainID, RegionID: p.RegionID, Core: p.Role == store.AreaCore}
		regionIDs = append(regionIDs, p.RegionID)
		dossierIDs = append(dossierIDs, p.DossierID)
	}
	found := dossier.Conflicts(in)
	if len(found) == 0 {
		return nil, nil
	}
	regions, err := s.store.RegionsByID(ctx, regionIDs)
	if err != nil {
		return nil, err
	}
	ds, err := s.store.FindDossiers(ctx, store.DossierFilter{IDs: dossierIDs})
	if err != nil {
		return nil, err
	}
	byID := map[int64]store.Dossier{}
	for _, d := range ds {
		byID[d.ID] = d
	}
	names, err := s.dossierListNames(ctx, ds)
	if err != nil {
		return nil, err
	}
	var out []conflictView
	for _, cf := range found {
		involved := onlyDossier == 0
		v := conflictView{Kind: cf.Kind, Chain: names.chains[cf.ChainID]}
		if r, ok := regions[cf.RegionID]; ok {
			v.Region = r.Name
		}
		for _, e := range cf.Entries {
			d := byID[e.DossierID]
			involved = involved || e.DossierID == onlyDossier
			role := store.AreaCollab
			if e.Core {
				role = store.AreaCore
			}
			v.Entries = append(v.Entries, conflictEntry{DossierID: d.ID, Number: d.NumberString(), Title: d.Title,
				Chain: names.chains[d.ChainID], Core: names.regions[d.RegionID], Role: role, Status: d.Status})
		}
		if involved {
			out = append(out, v)
		}
	}
	return out, nil
}

type conflictsPage struct {
	Competitions  []store.Competition
	CompetitionID int64
	Conflicts     []conflictView
}

// handleDossierConflicts lists the regions that take part in more than one
// dossier: twice in one chain, or leading one bid while collaborating in
// another.
func (s *Server) handleDossierConflicts(c echo.Context) error {
	ctx := c.Request().Context()
	comps, err := s.store.FindCompetitions(ctx)
	if err != nil {
		return err
	}
	p := conflictsPage{Competitions: comps}
	p.CompetitionID, _ = formInt64(c, "competition")
	if p.CompetitionID == 0 && len(comps) > 0 {
		p.CompetitionID = comps[0].ID
	}
	if p.CompetitionID != 0 {
		if p.Conflicts, err = s.competitionConflicts(ctx, p.CompetitionID, 0); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "office_dossier_conflicts.html", "地区参与情况", p)
}
