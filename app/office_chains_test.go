package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

// chainForm is the chain catalogue's form as the page posts it.
func chainForm(id, clusterID int64, name, tier, note, active string) url.Values {
	v := url.Values{"cluster_id": {itoa(clusterID)}, "name": {name}, "tier": {tier}, "note": {note}, "active": {active}}
	if id != 0 {
		v.Set("id", itoa(id))
	}
	return v
}

// selected is how the page marks the chosen option of a select.
func selected(value string) string { return `<option value="` + value + `" selected>` }

// The office maintains the chain catalogue in the web form: a new chain is
// created from the form, an existing one is opened from its row, edited in
// place (same record, order kept) and may be disabled; bad input comes back
// with the Chinese message next to the field and everything typed kept.
func TestOfficeChains_CreateAndEditThroughTheForm(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")
	ctx := t.Context()
	cluster, err := env.Store.FindClusterByName(ctx, "高端装备")
	if err != nil {
		t.Fatal(err)
	}
	countChains := func() int {
		all, err := env.Store.FindChains(ctx, store.ChainFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(all)
	}
	seeded := countChains()

	t.Run("BadInputKeepsTheForm", func(t *testing.T) {
		for _, sc := range []apptest.Scenario{
			{Name: "NameMissing", Form: chainForm(0, cluster.ID, "", "advantage", "拟新增，待论证", "on"),
				WantContains: []string{"请填写产业链名称", `value="拟新增，待论证"`, selected(itoa(cluster.ID)), selected("advantage")}},
			{Name: "ClusterMissing", Form: chainForm(0, 0, "低空经济", "advantage", "", "on"),
				WantContains: []string{"请选择所属集群", `value="低空经济"`}},
			{Name: "UnknownTier", Form: chainForm(0, cluster.ID, "低空经济", "gold", "", "on"),
				WantContains: []string{"请选择层级", `value="低空经济"`, selected(itoa(cluster.ID))}},
			{Name: "DuplicateName", Form: chainForm(0, cluster.ID, "集成电路", "key", "重复", "on"),
				WantContains: []string{"已有同名产业链", `value="集成电路"`, `value="重复"`}},
		} {
			sc.As, sc.Method, sc.Path, sc.WantStatus = office, http.MethodPost, "/office/chains", http.StatusUnprocessableEntity
			sc.Run(t, env)
		}
		if n := countChains(); n != seeded {
			t.Errorf("refused forms changed the catalogue: %d chains, had %d", n, seeded)
		}
	})

	t.Run("Create", func(t *testing.T) {
		res := office.PostForm("/office/chains", chainForm(0, cluster.ID, " 低空经济 ", "advantage", "2026年新增", "on"))
		apptest.Check(t, res, http.StatusSeeOther, "/office/chains", nil, nil)
		apptest.Check(t, office.Get(res.Location), http.StatusOK, "", []string{"产业链“低空经济”已保存。", "低空经济", "2026年新增"}, nil)
		ch, err := env.Store.FindChainByName(ctx, "低空经济")
		if err != nil || ch.ClusterID != cluster.ID || ch.Tier != "advantage" || ch.Note != "2026年新增" || !ch.Active {
			t.Errorf("created chain = %+v, %v; want an active advantage chain of 高端装备", ch, err)
		}
		if n := countChains(); n != seeded+1 {
			t.Errorf("%d chains after creating one; want %d", n, seeded+1)
		}
	})

	// Editing a seeded chain: 起重机 (工程机械, excellence) becomes
	// 起重机械, an advantage chain of 高端装备, disabled.
	old, err := env.Store.FindChainByName(ctx, "起重机")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("EditOpensFromTheList", func(t *testing.T) {
		apptest.Check(t, office.Get("/office/chains"), http.StatusOK, "", []string{`href="/office/chains?edit=` + itoa(old.ID)}, nil)
		page := office.Get("/office/chains?edit=" + itoa(old.ID))
		apptest.Check(t, page, http.StatusOK, "", []string{"修改产业链“起重机”", `name="id" value="` + itoa(old.ID) + `"`,
			`id="name" name="name" value="起重机"`, selected(itoa(old.ClusterID)), selected("excellence")}, nil)
		apptest.Check(t, office.Get("/office/chains?edit=999999"), http.StatusNotFound, "", nil, nil)
		apptest.Check(t, office.Get("/office/chains?edit=abc"), http.StatusNotFound, "", nil, nil)
	})

	t.Run("EditBadInputKeepsTheEdit", func(t *testing.T) {
		res := office.PostForm("/office/chains", chainForm(old.ID, cluster.ID, "", "advantage", "改名待定", "off"))
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"请填写产业链名称", "修改产业链",
			`name="id" value="` + itoa(old.ID) + `"`, `value="改名待定"`, selected(itoa(cluster.ID)), selected("off")}, nil)
		if got, _ := env.Store.FindChainByID(ctx, old.ID); *got != *old {
			t.Errorf("a refused edit changed the chain: %+v; was %+v", got, old)
		}
	})

	t.Run("Edit", func(t *testing.T) {
		res := office.PostForm("/office/chains", chainForm(old.ID, cluster.ID, "起重机械", "advantage", "并入高端装备", "off"))
		apptest.Check(t, res, http.StatusSeeOther, "/office/chains", nil, nil)
		got, err := env.Store.FindChainByID(ctx, old.ID)
		want := store.Chain{ID: old.ID, ClusterID: cluster.ID, Name: "起重机械", Tier: "advantage", Note: "并入高端装备",
			Active: false, Sort: old.Sort}
		if err != nil || *got != want {
			t.Errorf("edited chain = %+v, %v; want %+v (same record, order kept)", got, err, want)
		}
		if n := countChains(); n != seeded+1 {
			t.Errorf("%d chains after an edit; want %d (an edit creates nothing)", n, seeded+1)
		}
		if _, err := env.Store.FindChainByName(ctx, "起重机"); err == nil {
			t.Error("the old name is still in the catalogue")
		}
		list := office.Get("/office/chains")
		apptest.Check(t, list, http.StatusOK, "", []string{"起重机械", "并入高端装备", `<span class="badge">停用</span>`}, nil)
		audit, _, _ := env.Store.FindAuditEntries(ctx, store.AuditFilter{Action: "chain.save", EntityID: itoa(old.ID)})
		if len(audit) != 1 || !strings.Contains(audit[0].Before, "起重机") || !strings.Contains(audit[0].After, "起重机械") {
			t.Errorf("edit audit = %+v; want one entry from 起重机 to 起重机械", audit)
		}
		// Disabled chains are no longer offered for new dossiers.
		active, _ := env.Store.FindChains(ctx, store.ChainFilter{ActiveOnly: true})
		for _, ch := range active {
			if ch.ID == old.ID {
				t.Error("the disabled chain is still listed as active")
			}
		}
	})
}
