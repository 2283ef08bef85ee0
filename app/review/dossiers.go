package review

import (
	"context"
	"fmt"

	"chainjudge/app/draw"
	"chainjudge/app/store"
)

// DossierInfo is a dossier with the names reviewers and the office see.
type DossierInfo struct {
	Dossier   store.Dossier
	Chain     string
	ChainID   int64
	Cluster   string
	ClusterID int64
	Core      string
	Collab    []string
	// Cities are the names of the cities the areas lie in (hidden in blind
	// review besides the areas themselves).
	Cities []string
	// Areas are the dossier's regions for the draw's recusal rule.
	Areas []draw.Area
}

// Label names the dossier for the office: number (or id), core area, chain.
func (d *DossierInfo) Label() string {
	n := d.Dossier.NumberString()
	if n == "" {
		n = fmt.Sprintf("#%d", d.Dossier.ID)
	}
	return fmt.Sprintf("%s %s·%s", n, d.Core, d.Chain)
}

// BlindLabel names the dossier without its applicant.
func (d *DossierInfo) BlindLabel() string {
	if n := d.Dossier.NumberString(); n != "" {
		return "申报 " + n + " · " + d.Chain
	}
	return fmt.Sprintf("申报 #%d · %s", d.Dossier.ID, d.Chain)
}

// LoadDossierInfos resolves chains, clusters and areas of dossiers.
func LoadDossierInfos(ctx context.Context, st *store.Store, ds []store.Dossier) (map[int64]*DossierInfo, error) {
	out := make(map[int64]*DossierInfo, len(ds))
	if len(ds) == 0 {
		return out, nil
	}
	ids := make([]int64, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	areas, err := st.DossierAreas(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("dossier areas: %w", err)
	}
	var regionIDs []int64
	for _, as := range areas {
		for _, a := range as {
			regionIDs = append(regionIDs, a.RegionID)
		}
	}
	regions, err := st.RegionsByID(ctx, regionIDs)
	if err != nil {
		return nil, fmt.Errorf("dossier regions: %w", err)
	}
	var cityIDs []int64
	for _, r := range regions {
		cityIDs = append(cityIDs, r.CityID())
	}
	cities, err := st.RegionsByID(ctx, cityIDs)
	if err != nil {
		return nil, fmt.Errorf("dossier cities: %w", err)
	}
	chains, err := st.FindChains(ctx, store.ChainFilter{})
	if err != nil {
		return nil, err
	}
	clusters, err := st.FindClusters(ctx)
	if err != nil {
		return nil, err
	}
	chainByID := map[int64]store.Chain{}
	for _, c := range chains {
		chainByID[c.ID] = c
	}
	clusterName := map[int64]string{}
	for _, c := range clusters {
		clusterName[c.ID] = c.Name
	}
	for _, d := range ds {
		ch := chainByID[d.ChainID]
		info := &DossierInfo{Dossier: d, Chain: ch.Name, ChainID: ch.ID, ClusterID: ch.ClusterID, Cluster: clusterName[ch.ClusterID]}
		seenCity := map[int64]bool{}
		for _, a := range areas[d.ID] {
			r := regions[a.RegionID]
			if r == nil {
				continue
			}
			if a.Role == store.AreaCore {
				info.Core = r.Name
			} else {
				info.Collab = append(info.Collab, r.Name)
			}
			info.Areas = append(info.Areas, draw.Area{Place: draw.Place{Region: r.ID, City: r.CityID()}, Core: a.Role == store.AreaCore})
			if c := cities[r.CityID()]; c != nil && !seenCity[c.ID] && c.ID != r.ID {
				seenCity[c.ID] = true
				info.Cities = append(info.Cities, c.Name)
			}
		}
		out[d.ID] = info
	}
	return out, nil
}
