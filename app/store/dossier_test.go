package store_test

import (
	"context"
	"errors"
	"testing"

	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

func TestCreateDossier_OnePerRegionChainCompetition(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		comp := newCompetition(t, st)
		u := &store.User{Username: "jy", DisplayName: "江阴", PasswordHash: "x", Role: store.RoleApplicant}
		if err := st.CreateUser(ctx, store.SystemActor(""), u); err != nil {
			t.Fatal(err)
		}
		jy, _ := st.FindRegionByName(ctx, "江阴市")
		wx, _ := st.FindRegionByName(ctx, "无锡市")
		yx, _ := st.FindRegionByName(ctx, "宜兴市")
		ic, _ := st.FindChainByName(ctx, "集成电路")
		d, err := st.CreateDossier(ctx, store.SystemActor(""), store.NewDossier{CompetitionID: comp.ID, ChainID: ic.ID,
			RegionID: jy.ID, CreatedBy: u.ID, Title: "江阴集成电路", CollabRegionIDs: []int64{yx.ID, jy.ID, yx.ID}})
		if err != nil {
			t.Fatal(err)
		}
		areas, _ := st.DossierAreas(ctx, []int64{d.ID})
		roles := map[int64]store.AreaRole{}
		for _, a := range areas[d.ID] {
			roles[a.RegionID] = a.Role
		}
		if len(areas[d.ID]) != 2 || roles[jy.ID] != store.AreaCore || roles[yx.ID] != store.AreaCollab {
			t.Errorf("areas = %+v; want core 江阴 + collab 宜兴 (duplicates and the core folded)", areas[d.ID])
		}
		_, err = st.CreateDossier(ctx, store.SystemActor(""), store.NewDossier{CompetitionID: comp.ID, ChainID: ic.ID,
			RegionID: jy.ID, CreatedBy: u.ID, Title: "again"})
		if !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("second dossier err = %v; want ErrDuplicate", err)
		}
		if _, err := st.CreateDossier(ctx, store.SystemActor(""), store.NewDossier{CompetitionID: comp.ID, ChainID: ic.ID,
			RegionID: wx.ID, CreatedBy: u.ID, Title: "无锡"}); err != nil {
			t.Errorf("another region's dossier: %v", err)
		}
		byCity, _ := st.FindDossiers(ctx, store.DossierFilter{CityID: wx.ID})
		if len(byCity) != 2 {
			t.Errorf("dossiers in 无锡市 = %d; want 2 (the city's and 江阴's)", len(byCity))
		}
		stages, _ := st.FindStages(ctx, comp.ID)
		if err := st.AddStageEntry(ctx, stages[0].ID, d.ID, store.EntryFormalCheck); err != nil {
			t.Fatal(err)
		}
		if err := st.AddStageEntry(ctx, stages[0].ID, d.ID, store.EntryFormalCheck); err != nil {
			t.Fatalf("AddStageEntry twice: %v", err)
		}
		inStage, _ := st.FindDossiers(ctx, store.DossierFilter{StageID: stages[0].ID})
		if len(inStage) != 1 || inStage[0].ID != d.ID {
			t.Errorf("dossiers in stage = %+v; want only %d", inStage, d.ID)
		}
	})
}
