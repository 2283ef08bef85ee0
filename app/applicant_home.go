package app

import (
	"context"
	"net/http"
	"time"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// filingOpenRow is a competition whose filing stage accepts dossiers now.
type filingOpenRow struct {
	Competition store.Competition
	Stage       store.Stage
}

// applicantDossierRow is one of the applicant's dossiers in a list.
type applicantDossierRow struct {
	D           store.Dossier
	Competition string
	Chain       string
	Deadline    time.Time
	Editable    bool
	Review      *store.FormalReview
}

// collabRow is another region's dossier naming the applicant's region as a
// collaborative area.
type collabRow struct {
	D     store.Dossier
	Core  string
	Chain string
}

type applicantHomePage struct {
	Region *store.Region
	// City is the city a county or development zone lies in (nil for a
	// city).
	City       *store.Region
	OpenStages []stageView
	Filing     []filingOpenRow
	Dossiers   []applicantDossierRow
	AsCollab   []collabRow
}

// handleApplicantHome shows the open competitions with their deadlines, the
// region's dossiers with their status and deadline, and the bids that name
// the region as a collaborative area.
func (s *Server) handleApplicantHome(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	p := applicantHomePage{}
	var err error
	if p.OpenStages, err = s.openStageViews(ctx); err != nil {
		return err
	}
	if p.Filing, err = s.filingOpen(ctx); err != nil {
		return err
	}
	if u.RegionID != nil {
		if p.Region, err = s.store.FindRegionByID(ctx, *u.RegionID); err != nil {
			return err
		}
		if id := p.Region.CityID(); id != p.Region.ID {
			if p.City, err = s.store.FindRegionByID(ctx, id); err != nil {
				return err
			}
		}
		if p.Dossiers, err = s.applicantDossierRows(ctx, *u.RegionID); err != nil {
			return err
		}
		if p.AsCollab, err = s.collabRows(ctx, *u.RegionID); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "applicant_home.html", "我的申报", p)
}

// filingOpen lists the competitions whose filing stage accepts dossiers at
// the server's clock.
func (s *Server) filingOpen(ctx context.Context) ([]filingOpenRow, error) {
	comps, err := s.store.FindCompetitions(ctx)
	if err != nil {
		return nil, err
	}
	var out []filingOpenRow
	for _, comp := range comps {
		st, err := s.store.FilingStage(ctx, comp.ID)
		if err != nil {
			continue // a competition without stages takes no dossiers
		}
		if st.AcceptsAt(s.now()) {
			out = append(out, filingOpenRow{Competition: comp, Stage: *st})
		}
	}
	return out, nil
}

func (s *Server) applicantDossierRows(ctx context.Context, regionID int64) ([]applicantDossierRow, error) {
	ds, err := s.store.FindDossiers(ctx, store.DossierFilter{RegionID: regionID})
	if err != nil {
		return nil, err
	}
	names, err := s.dossierListNames(ctx, ds)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	reviews, err := s.store.LatestFormalReviews(ctx, ids)
	if err != nil {
		return nil, err
	}
	stages := map[int64]*store.Stage{}
	out := make([]applicantDossierRow, 0, len(ds))
	for i := range ds {
		d := ds[i]
		st, ok := stages[d.CompetitionID]
		if !ok {
			if st, err = s.store.FilingStage(ctx, d.CompetitionID); err != nil {
				return nil, err
			}
			stages[d.CompetitionID] = st
		}
		row := applicantDossierRow{D: d, Competition: names.comps[d.CompetitionID], Chain: names.chains[d.ChainID],
			Deadline: d.Deadline(st), Editable: d.EditableAt(st, s.now()) == nil}
		if r, ok := reviews[d.ID]; ok {
			row.Review = &r
		}
		out = append(out, row)
	}
	return out, nil
}

func (s *Server) collabRows(ctx context.Context, regionID int64) ([]collabRow, error) {
	ds, err := s.store.FindDossiers(ctx, store.DossierFilter{CollabRegionID: regionID,
		Statuses: []store.DossierStatus{store.DossierSubmitted, store.DossierReturned, store.DossierPassed}})
	if err != nil {
		return nil, err
	}
	names, err := s.dossierListNames(ctx, ds)
	if err != nil {
		return nil, err
	}
	out := make([]collabRow, 0, len(ds))
	for _, d := range ds {
		out = append(out, collabRow{D: d, Core: names.regions[d.RegionID], Chain: names.chains[d.ChainID]})
	}
	return out, nil
}

// listNames are the names a dossier list shows, by id.
type listNames struct {
	comps, chains, regions, cities map[int64]string
	cityOf, clusterOf              map[int64]int64
}

// dossierListNames resolves the competitions, chains, core regions and
// their cities of a list of dossiers.
func (s *Server) dossierListNames(ctx context.Context, ds []store.Dossier) (*listNames, error) {
	n := &listNames{comps: map[int64]string{}, chains: map[int64]string{}, regions: map[int64]string{},
		cities: map[int64]string{}, cityOf: map[int64]int64{}, clusterOf: map[int64]int64{}}
	comps, err := s.store.FindCompetitions(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range comps {
		n.comps[c.ID] = c.Name
	}
	chains, err := s.store.FindChains(ctx, store.ChainFilter{})
	if err != nil {
		return nil, err
	}
	for _, ch := range chains {
		n.chains[ch.ID] = ch.Name
		n.clusterOf[ch.ID] = ch.ClusterID
	}
	var ids []int64
	for _, d := range ds {
		ids = append(ids, d.RegionID)
	}
	regions, err := s.store.RegionsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var cityIDs []int64
	for id, r := range regions {
		n.regions[id] = r.Name
		n.cityOf[id] = r.CityID()
		cityIDs = append(cityIDs, r.CityID())
	}
	cities, err := s.store.RegionsByID(ctx, cityIDs)
	if err != nil {
		return nil, err
	}
	for id, r := range cities {
		n.cities[id] = r.Name
	}
	return n, nil
}
