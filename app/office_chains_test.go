package app_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/store"

	"github.com/xuri/excelize/v2"
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

// xlsxOf builds a one-sheet workbook from rows, as Excel would save it.
func xlsxOf(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		if len(r) == 0 {
			continue // a blank row in the sheet
		}
		cellName, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cellName, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The chain catalogue imports from an Excel workbook (the first sheet, the
// header in any of its spellings): good rows are added or update the chain
// of that name, new clusters are created, and every bad row is reported by
// its row number in the sheet while the rest goes in.
func TestOfficeChains_ImportXLSX(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")
	ctx := t.Context()
	before, _ := env.Store.FindChains(ctx, store.ChainFilter{})

	book := xlsxOf(t, [][]any{
		{"所属集群", "产业链名称", "层级", "备注"},     // row 1
		{"高端装备", "工业母机", "优势产业链", "省级挂钩"}, // row 2: new chain, existing cluster
		{"未来产业", "人形机器人", "重点", ""},       // row 3: new chain, new cluster
		{"工程机械", "起重机", "优势", "降为优势产业链"},  // row 4: updates the seeded chain
		{},                     // row 5: blank, skipped
		{"未来产业", "", "重点", ""}, // row 6: no chain name
		{"高端装备", "航空发动机", "特色", ""},     // row 7: unknown tier
		{"未来产业", "量子信息", "", "层级空白即重点"}, // row 8: blank tier = key chain
	})
	res := office.PostMultipart("/office/chains/import", nil, apptest.File{Field: "file", Name: "产业链目录.xlsx", Data: book})
	apptest.Check(t, res, http.StatusOK, "", []string{"导入完成：新增 3 条，更新 1 条。",
		"第 6 行：集群和产业链名称不能为空", "第 7 行：层级“特色”无法识别（应为卓越提升、优势或重点）"},
		[]string{"第 8 行"})

	for name, want := range map[string]struct{ cluster, tier, note string }{
		"工业母机":  {"高端装备", "advantage", "省级挂钩"},
		"人形机器人": {"未来产业", "key", ""},
		"起重机":   {"工程机械", "advantage", "降为优势产业链"},
		"量子信息":  {"未来产业", "key", "层级空白即重点"},
	} {
		ch, err := env.Store.FindChainByName(ctx, name)
		if err != nil {
			t.Errorf("%s not imported: %v", name, err)
			continue
		}
		cl, _ := env.Store.FindClusterByName(ctx, want.cluster)
		if cl == nil || ch.ClusterID != cl.ID || ch.Tier != want.tier || ch.Note != want.note || !ch.Active {
			t.Errorf("%s = %+v; want cluster %s, tier %s, note %q, active", name, ch, want.cluster, want.tier, want.note)
		}
	}
	if _, err := env.Store.FindChainByName(ctx, "航空发动机"); err == nil {
		t.Error("the row with an unknown tier was imported")
	}
	after, _ := env.Store.FindChains(ctx, store.ChainFilter{})
	if len(after) != len(before)+3 {
		t.Errorf("%d chains after the import; want %d", len(after), len(before)+3)
	}
	apptest.Check(t, office.Get("/office/chains"), http.StatusOK, "", []string{"<h2>未来产业</h2>", "人形机器人", "工业母机"}, nil)

	t.Run("CSVRowNumbersCountBlankLines", func(t *testing.T) {
		res := office.PostMultipart("/office/chains/import", nil, apptest.File{Field: "file", Name: "x.csv",
			Data: []byte("集群,产业链,层级\n\n高端装备,航空发动机,特色\n")})
		apptest.Check(t, res, http.StatusOK, "", []string{"新增 0 条，更新 0 条", "第 3 行：层级“特色”无法识别"}, nil)
	})
	t.Run("MissingColumn", func(t *testing.T) {
		res := office.PostMultipart("/office/chains/import", nil, apptest.File{Field: "file", Name: "x.xlsx",
			Data: xlsxOf(t, [][]any{{"产业链", "层级"}, {"工业母机", "优势"}})})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"缺少必需的列：集群"}, nil)
	})
	t.Run("NotAWorkbook", func(t *testing.T) {
		res := office.PostMultipart("/office/chains/import", nil, apptest.File{Field: "file", Name: "x.xlsx",
			Data: []byte("PK\x03\x04 not really a zip")})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"无法读取 Excel 文件"}, nil)
	})
	if n, _ := env.Store.FindChains(ctx, store.ChainFilter{}); len(n) != len(after) {
		t.Errorf("a refused import changed the catalogue")
	}
}
