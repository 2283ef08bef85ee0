package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func TestOpen_MigratesAndSeedsReferenceData(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ids, err := st.AppliedMigrations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) < 2 || ids[0] != "0001_foundation" || ids[1] != "0002_seed_reference" {
			t.Fatalf("applied migrations = %v; want 0001_foundation, 0002_seed_reference first", ids)
		}
		cities, err := st.FindRegions(ctx, store.RegionFilter{Kind: store.RegionCity})
		if err != nil {
			t.Fatal(err)
		}
		if len(cities) != 13 {
			t.Errorf("cities = %d; want 13", len(cities))
		}
		counties, _ := st.FindRegions(ctx, store.RegionFilter{Kind: store.RegionCounty})
		if len(counties) != 95 {
			t.Errorf("county-level divisions = %d; want 95", len(counties))
		}
		clusters, _ := st.FindClusters(ctx)
		if len(clusters) != 13 {
			t.Errorf("clusters = %d; want 13", len(clusters))
		}
		ic, err := st.FindChainByName(ctx, "集成电路")
		if err != nil {
			t.Fatalf("chain 集成电路: %v", err)
		}
		if ic.Tier != "excellence" {
			t.Errorf("集成电路 tier = %q; want excellence", ic.Tier)
		}
		jy, err := st.FindRegionByName(ctx, "江阴市")
		if err != nil {
			t.Fatalf("江阴市: %v", err)
		}
		wx, _ := st.FindRegionByName(ctx, "无锡市")
		if jy.CityID() != wx.ID {
			t.Errorf("江阴市 city = %d; want 无锡市 %d", jy.CityID(), wx.ID)
		}
	})
}

func TestOpen_IsIdempotent(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	_, path := storetest.SQLitePath(t, clock.Now)
	st2, err := store.Open(context.Background(), store.Options{DSN: path, Now: clock.Now})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st2.Close()
	cities, _ := st2.FindRegions(context.Background(), store.RegionFilter{Kind: store.RegionCity})
	if len(cities) != 13 {
		t.Errorf("after reopen cities = %d; want 13 (seed must not run twice)", len(cities))
	}
}

func TestCreateUser(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		actor := store.SystemActor("test")
		u := &store.User{Username: " ZhangSan ", DisplayName: "张三", PasswordHash: "x", Role: store.RoleOffice}
		if err := st.CreateUser(ctx, actor, u); err != nil {
			t.Fatal(err)
		}
		if u.Username != "zhangsan" {
			t.Errorf("username = %q; want normalised zhangsan", u.Username)
		}
		t.Run("ErrDuplicate", func(t *testing.T) {
			err := st.CreateUser(ctx, actor, &store.User{Username: "ZHANGSAN", DisplayName: "x", PasswordHash: "x", Role: store.RoleExpert})
			if !errors.Is(err, store.ErrDuplicate) {
				t.Fatalf("err = %v; want ErrDuplicate", err)
			}
		})
		t.Run("FindByUsernameIgnoresCase", func(t *testing.T) {
			got, err := st.FindUserByUsername(ctx, "ZhangSan")
			if err != nil || got.ID != u.ID {
				t.Fatalf("FindUserByUsername = %v, %v; want id %d", got, err, u.ID)
			}
		})
	})
}

func TestSessions_ExpireAndEndOnDisable(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := &store.User{Username: "e1", DisplayName: "专家", PasswordHash: "x", Role: store.RoleExpert}
		if err := st.CreateUser(ctx, store.SystemActor(""), u); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateSession(ctx, "tok", u.ID, time.Hour, "127.0.0.1", "test"); err != nil {
			t.Fatal(err)
		}
		if _, got, err := st.FindSession(ctx, "tok"); err != nil || got.ID != u.ID {
			t.Fatalf("FindSession = %v, %v", got, err)
		}
		if _, _, err := st.FindSession(ctx, "other"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown token err = %v; want ErrNotFound", err)
		}
		clock.Advance(2 * time.Hour)
		if _, _, err := st.FindSession(ctx, "tok"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("expired session err = %v; want ErrNotFound", err)
		}
		clock.T = t0
		if _, err := st.CreateSession(ctx, "tok2", u.ID, time.Hour, "", ""); err != nil {
			t.Fatal(err)
		}
		disabled := true
		if _, err := st.UpdateUser(ctx, store.SystemActor(""), u.ID, store.UserUpdate{Disabled: &disabled}, "离职"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.FindSession(ctx, "tok2"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("session of disabled user err = %v; want ErrNotFound", err)
		}
	})
}

func TestLoginFailures_CountWithinWindow(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	st := storetest.SQLite(t, clock.Now)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if err := st.RecordThrottleEvent(ctx, "acct:a", "ip:1"); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
	}
	n, _ := st.CountThrottleEvents(ctx, "acct:a", clock.T.Add(-90*time.Second))
	if n != 1 {
		t.Errorf("failures in last 90s = %d; want 1", n)
	}
	n, _ = st.CountThrottleEvents(ctx, "ip:1", clock.T.Add(-time.Hour))
	if n != 3 {
		t.Errorf("failures by ip = %d; want 3", n)
	}
	if err := st.ClearThrottleEvents(ctx, "acct:a"); err != nil {
		t.Fatal(err)
	}
	n, _ = st.CountThrottleEvents(ctx, "acct:a", clock.T.Add(-time.Hour))
	if n != 0 {
		t.Errorf("after clear = %d; want 0", n)
	}
}

func newCompetition(t *testing.T, st *store.Store) *store.Competition {
	t.Helper()
	ctx := context.Background()
	ic, err := st.FindChainByName(ctx, "集成电路")
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.CreateCompetition(ctx, store.SystemActor(""), store.NewCompetition{
		Name: "2026年度区域卓越产业链竞赛", Year: 2026, RubricYAML: "name: r1\n", RubricHash: "h1",
		RubricSource: "default", ChainIDs: []int64{ic.ID, ic.ID},
		Stages: []store.Stage{
			{Key: "application", Seq: 1, Name: "申报", OpensAt: t0, ClosesAt: t0.Add(30 * 24 * time.Hour)},
			{Key: "inspection", Seq: 2, Name: "考察", OpensAt: t0.Add(40 * 24 * time.Hour), ClosesAt: t0.Add(60 * 24 * time.Hour)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOpenStage_FreezesRubric(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		actor := store.SystemActor("")
		c := newCompetition(t, st)
		if err := st.SetCompetitionRubric(ctx, actor, c.ID, store.RubricChange{Version: c.Version, YAML: "name: r2\n", Hash: "h2", Source: "upload"}); err != nil {
			t.Fatalf("rubric change before opening: %v", err)
		}
		t.Run("ErrConflictOnStaleVersion", func(t *testing.T) {
			err := st.SetCompetitionRubric(ctx, actor, c.ID, store.RubricChange{Version: c.Version, YAML: "x", Hash: "h3", Source: "form"})
			if !errors.Is(err, store.ErrConflict) {
				t.Fatalf("err = %v; want ErrConflict", err)
			}
		})
		stages, _ := st.FindStages(ctx, c.ID)
		if len(stages) != 2 || stages[0].Key != "application" {
			t.Fatalf("stages = %+v", stages)
		}
		if err := st.OpenStage(ctx, actor, stages[0].ID, stages[0].Version); err != nil {
			t.Fatal(err)
		}
		opened, _ := st.FindStageByID(ctx, stages[0].ID)
		if opened.Status != store.StageOpen || opened.RubricHash != "h2" {
			t.Errorf("opened stage = %s/%s; want open/h2", opened.Status, opened.RubricHash)
		}
		snap, err := st.FindRubricSnapshot(ctx, "h2")
		if err != nil || snap.YAML != "name: r2\n" {
			t.Errorf("snapshot = %+v, %v; want the frozen YAML", snap, err)
		}
		c2, _ := st.FindCompetitionByID(ctx, c.ID)
		if c2.Status != store.CompetitionActive {
			t.Errorf("competition status = %s; want active", c2.Status)
		}
		err = st.SetCompetitionRubric(ctx, actor, c.ID, store.RubricChange{Version: c2.Version, YAML: "x", Hash: "h4", Source: "form"})
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("rubric change after opening err = %v; want ErrConflict", err)
		}
		if err := st.OpenStage(ctx, actor, opened.ID, opened.Version); !errors.Is(err, store.ErrConflict) {
			t.Errorf("opening an open stage err = %v; want ErrConflict", err)
		}
		chains, _ := st.CompetitionChainIDs(ctx, c.ID)
		if len(chains) != 1 {
			t.Errorf("competition chains = %v; want the duplicate folded", chains)
		}
	})
}
