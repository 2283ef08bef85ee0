package app

import (
	"net/http"
	"time"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// officeDossierRow is one dossier in the formal-check queue.
type officeDossierRow struct {
	D     store.Dossier
	Chain string
	Core  string
	City  string
}

// statusTab is one status filter with its count.
type statusTab struct {
	Value  string
	Label  string
	Count  int
	Active bool
}

// dossierQueueFilter is the queue's filter form.
type dossierQueueFilter struct {
	CompetitionID int64
	ChainID       int64
	ClusterID     int64
	CityID        int64
	Status        string
}

type officeDossiersPage struct {
	Competitions []store.Competition
	Clusters     []store.Cluster
	Chains       []store.Chain
	Cities       []store.Region
	Filter       dossierQueueFilter
	Tabs         []statusTab
	Rows         []officeDossierRow
	Stage        *store.Stage
	Now          time.Time
}

// statusAll shows every status in the queue.
const statusAll = "all"

// handleOfficeDossiers is the formal-check queue: the competition's
// dossiers filtered by chain, cluster, city and status (submitted ones by
// default), with a count per status.
func (s *Server) handleOfficeDossiers(c echo.Context) error {
	ctx := c.Request().Context()
	p := officeDossiersPage{Now: s.now()}
	var err error
	if p.Competitions, err = s.store.FindCompetitions(ctx); err != nil {
		return err
	}
	f := dossierQueueFilter{Status: c.QueryParam("status")}
	f.CompetitionID, _ = formInt64(c, "competition")
	f.ChainID, _ = formInt64(c, "chain")
	f.ClusterID, _ = formInt64(c, "cluster")
	f.CityID, _ = formInt64(c, "city")
	if f.CompetitionID == 0 && len(p.Competitions) > 0 {
		f.CompetitionID = p.Competitions[0].ID
	}
	if f.Status == "" {
		f.Status = string(store.DossierSubmitted)
	}
	p.Filter = f
	if p.Clusters, err = s.store.FindClusters(ctx); err != nil {
		return err
	}
	if p.Chains, err = s.store.FindChains(ctx, store.ChainFilter{}); err != nil {
		return err
	}
	if p.Cities, err = s.store.FindRegions(ctx, store.RegionFilter{Kind: store.RegionCity}); err != nil {
		return err
	}
	if f.CompetitionID == 0 {
		return s.render(c, http.StatusOK, "office_dossiers.html", "形式审查", p)
	}
	if p.Stage, err = s.store.FilingStage(ctx, f.CompetitionID); err != nil {
		return err
	}
	all, err := s.store.FindDossiers(ctx, store.DossierFilter{CompetitionID: f.CompetitionID, ChainID: f.ChainID,
		ClusterID: f.ClusterID, CityID: f.CityID})
	if err != nil {
		return err
	}
	names, err := s.dossierListNames(ctx, all)
	if err != nil {
		return err
	}
	counts := map[store.DossierStatus]int{}
	for _, d := range all {
		counts[d.Status]++
		if f.Status == statusAll || string(d.Status) == f.Status {
			p.Rows = append(p.Rows, officeDossierRow{D: d, Chain: names.chains[d.ChainID], Core: names.regions[d.RegionID],
				City: names.cities[names.cityOf[d.RegionID]]})
		}
	}
	for _, st := range store.DossierStatuses {
		p.Tabs = append(p.Tabs, statusTab{Value: string(st), Label: st.Label(), Count: counts[st], Active: f.Status == string(st)})
	}
	p.Tabs = append(p.Tabs, statusTab{Value: statusAll, Label: "全部", Count: len(all), Active: f.Status == statusAll})
	return s.render(c, http.StatusOK, "office_dossiers.html", "形式审查", p)
}
