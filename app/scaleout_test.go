package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"chainjudge/app"
	"chainjudge/app/apptest"
	"chainjudge/app/files"
	"chainjudge/app/files/filestest"
	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

// The tests here are issue 9's proof that chainjudge scales out on
// PostgreSQL: two app instances on one database, as behind a load balancer
// without sticky sessions, with a browser's requests spread across both.
// Every request goes through the real routes of one instance or the other;
// what one instance did must hold on the other.

// twoInstances starts two app instances on one fresh PostgreSQL database
// the way two processes would run: each with its own store (its own
// connection pool) and its own data directory, so nothing passes between
// them except through the database — and through a files directory when
// opts give both the same one. Both instances, store and server, read the
// one test clock (the store's clock is the one that decides deadlines).
// Each Env's Store is that instance's store. Skipped without
// TEST_POSTGRES_DSN.
func twoInstances(t *testing.T, opts ...apptest.Option) (a, b *apptest.Env) {
	t.Helper()
	dsn := storetest.PostgresDSN(t)
	clock := &storetest.Clock{T: apptest.Start}
	start := func(name string) *apptest.Env {
		st, err := store.Open(context.Background(), store.Options{DSN: dsn, Now: clock.Now, MaxOpenConns: 4})
		if err != nil {
			t.Fatalf("instance %s: open store: %v", name, err)
		}
		t.Cleanup(func() { st.Close() })
		cfg := app.Config{Now: clock.Now, DataDir: t.TempDir(),
			Logger: slog.New(slog.NewTextHandler(testLog{t}, nil)).With("instance", name)}
		for _, o := range opts {
			o(&cfg)
		}
		srv, err := app.New(cfg, st)
		if err != nil {
			t.Fatalf("instance %s: %v", name, err)
		}
		return &apptest.Env{T: t, Store: st, Server: srv, Clock: clock, Config: cfg}
	}
	return start("A"), start("B")
}

// testLog sends the instances' logs to the test log, shown on failure.
type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// TestTwoInstancesShareOnePostgres: a session, its CSRF token and the login
// throttle started on one instance hold on the other.
func TestTwoInstancesShareOnePostgres(t *testing.T) {
	envA, envB := twoInstances(t)
	envA.CreateUser(store.RoleOffice, "office1", "")

	browser := envA.Client()
	apptest.Check(t, browser.Login("office1", apptest.DefaultPassword), http.StatusSeeOther, "/office", nil, nil)
	onB := browser.On(envB)
	apptest.Check(t, onB.Get("/office"), http.StatusOK, "", []string{"工作台"}, nil)
	// A form rendered by A (its CSRF token) is accepted by B.
	apptest.Check(t, onB.PostForm("/office/users", url.Values{"role": {"office"}, "username": {"office2"}, "display_name": {"二号"}}),
		http.StatusCreated, "", []string{"已创建"}, nil)
	// Logging out on B ends the session on A too.
	apptest.Check(t, onB.PostForm("/logout", nil), http.StatusSeeOther, "/login", nil, nil)
	apptest.Check(t, browser.Get("/office"), http.StatusSeeOther, "/login", nil, nil)

	// Failed logins counted on A throttle logins on B.
	attacker := envA.Client()
	for i := 0; i < 5; i++ {
		attacker.Login("office1", "wrong-pass1")
	}
	apptest.Check(t, envB.Client().Login("office1", apptest.DefaultPassword), http.StatusTooManyRequests, "", nil, nil)
}

// attachmentLink finds the download link of the named file on a dossier's
// edit page.
var attachmentLink = regexp.MustCompile(`<a href="(/applicant/dossiers/\d+/attachments/\d+)">([^<]+)</a>`)

func linkTo(t *testing.T, page *apptest.Response, name string) string {
	t.Helper()
	for _, m := range attachmentLink.FindAllStringSubmatch(page.Body, -1) {
		if m[2] == name {
			return m[1]
		}
	}
	t.Fatalf("the edit page lists no “%s”", name)
	return ""
}

// TestTwoInstancesServeEachOthersUploads: an attachment an applicant uploads
// through A is listed by B, downloaded from B with the uploaded bytes and
// the same Content-Disposition A gives, and deleted through B for A too —
// with the bytes in the database (the default) and in a files directory
// both instances mount (--files-dir).
func TestTwoInstancesServeEachOthersUploads(t *testing.T) {
	for _, tc := range []struct {
		name   string
		shared bool // both instances get one FilesDir
	}{
		{"FilesInTheDatabase", false},
		{"SharedFilesDirectory", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			var opts []apptest.Option
			dir := filepath.Join(t.TempDir(), "shared-files")
			if tc.shared {
				opts = append(opts, func(c *app.Config) { c.FilesDir = dir })
			}
			a, b := twoInstances(t, opts...)
			fe := newFilingEnvOn(t, a)
			id := fe.create(t, fe.jy, fe.chain)
			const name = "重点企业和项目清单.xlsx"
			data := filestest.XLSX("重点企业清单")
			sum := files.SHA256(data)
			apptest.Check(t, upload(fe.jy, id, "enterprise_project_list", apptest.File{Field: "file", Name: name, Data: data}),
				http.StatusSeeOther, "/applicant/dossiers/"+itoa(id)+"/edit", nil, nil)

			// Where the bytes went is the mode under test.
			atts, err := b.Store.FindAttachments(ctx, id)
			if err != nil || len(atts) != 1 {
				t.Fatalf("attachments seen by B: %v %+v", err, atts)
			}
			onDisk, diskErr := os.ReadFile(filepath.Join(dir, sum[:2], sum))
			inDB, dbErr := b.Store.Blobs().Get(ctx, sum)
			if tc.shared {
				if atts[0].Storage != store.StorageDir || diskErr != nil || !bytes.Equal(onDisk, data) || dbErr == nil {
					t.Fatalf("storage %q, file in the shared directory: %v, in the database: %v; want the directory only",
						atts[0].Storage, diskErr, dbErr == nil)
				}
			} else if atts[0].Storage != store.StorageDB || dbErr != nil || !bytes.Equal(inDB, data) {
				t.Fatalf("storage %q, in the database: %v; want the bytes in the database", atts[0].Storage, dbErr)
			}

			onB := fe.jy.On(b)
			edit := onB.Get("/applicant/dossiers/" + itoa(id) + "/edit")
			apptest.Check(t, edit, http.StatusOK, "", []string{name, sum[:12]}, nil)
			link := linkTo(t, edit, name)
			fromA, fromB := fe.jy.Get(link), onB.Get(link)
			if fromB.Code != http.StatusOK || files.SHA256([]byte(fromB.Body)) != sum {
				t.Fatalf("download from B: %d, sha256 %s; want 200 with the uploaded bytes (%s)",
					fromB.Code, files.SHA256([]byte(fromB.Body)), sum)
			}
			cd := fromB.Header.Get("Content-Disposition")
			if !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, "filename*=utf-8''%E9%87%8D") ||
				cd != fromA.Header.Get("Content-Disposition") || fromB.Header.Get("Content-Type") != fromA.Header.Get("Content-Type") {
				t.Errorf("headers from B: %q %q; from A: %q %q", cd, fromB.Header.Get("Content-Type"),
					fromA.Header.Get("Content-Disposition"), fromA.Header.Get("Content-Type"))
			}

			// Deleted through B, it is gone on A, bytes and all.
			apptest.Check(t, onB.PostForm(link+"/delete", nil), http.StatusSeeOther, "", nil, nil)
			apptest.Check(t, fe.jy.Get(link), http.StatusNotFound, "", nil, nil)
			apptest.Check(t, fe.jy.Get("/applicant/dossiers/"+itoa(id)+"/edit"), http.StatusOK, "", nil, []string{name})
			if _, err := os.Stat(filepath.Join(dir, sum[:2], sum)); err == nil {
				t.Error("the deleted file is still in the shared directory")
			}
			if _, err := a.Store.Blobs().Get(ctx, sum); err == nil {
				t.Error("the deleted file's bytes are still in the database")
			}
		})
	}
}

// TestTwoInstancesApplyTheSameDeadline: both instances judge the filing
// deadline by the one clock and the stage in the database. A minute before
// it, a submission through B is accepted and A serves its receipt; at the
// deadline a submission is refused through A and through B alike (409, the
// same sentence naming the deadline) and the draft stays as it was.
func TestTwoInstancesApplyTheSameDeadline(t *testing.T) {
	a, b := twoInstances(t)
	fe := newFilingEnvOn(t, a)
	early := fe.create(t, fe.wx, fe.chain)
	fe.fill(t, fe.wx, early)
	late := fe.create(t, fe.jy, fe.chain)
	fe.fill(t, fe.jy, late)
	closes := fe.stage.ClosesAt

	t.Run("BeforeTheDeadlineBAcceptsAndAServesTheReceipt", func(t *testing.T) {
		fe.env.Clock.T = closes.Add(-time.Minute)
		wx := a.Login("wuxi") // the sessions of the filling day have expired
		res := fe.submit(wx.On(b), early, fe.dossier(t, early).Version)
		apptest.Check(t, res, http.StatusSeeOther, "/applicant/dossiers/"+itoa(early)+"/receipt", nil, nil)
		d := fe.dossier(t, early)
		if d.Status != store.DossierSubmitted || d.NumberString() != "2026-0001" {
			t.Fatalf("after the submission through B: %+v", d)
		}
		apptest.Check(t, wx.Get(res.Location), http.StatusOK, "", []string{"申报回执", "2026-0001", d.ContentHash}, nil)
		pdf := wx.Get(res.Location + ".pdf")
		if pdf.Code != http.StatusOK || pdf.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF-") ||
			!strings.Contains(pdf.Header.Get("Content-Disposition"), "2026-0001") {
			t.Errorf("PDF receipt from A: %d %v", pdf.Code, pdf.Header)
		}
	})

	t.Run("AtTheDeadlineAAndBRefuseAlike", func(t *testing.T) {
		fe.env.Clock.T = closes
		before := fe.dossier(t, late)
		want := "申报已于 " + closes.In(time.FixedZone("CST", 8*3600)).Format("2006年1月2日 15:04") + " 截止"
		jy := a.Login("jiangyin")
		apptest.Check(t, fe.submit(jy, late, before.Version), http.StatusConflict, "", []string{want}, nil)
		apptest.Check(t, fe.submit(jy.On(b), late, before.Version), http.StatusConflict, "", []string{want}, nil)
		if after := fe.dossier(t, late); after.Status != store.DossierDraft || after.Version != before.Version || after.Number != nil {
			t.Errorf("a refused submission changed the draft: %+v", after)
		}
	})
}

// TestTwoInstancesSerialiseConcurrentDraws: the office presses 抽取并分配 for
// the same stage on A and on B at the same moment. The stage's advisory
// lock (store.LockStagePanels, taken first in review.RunDraw) serialises
// the two: exactly one draw is recorded and gives every dossier its panel;
// the other finds nothing left to draw and says so (422 “范围内没有需要分配
// 专家的申报”) without recording anything. The instance that did not draw
// shows the panel to its experts and verifies it against the record.
func TestTwoInstancesSerialiseConcurrentDraws(t *testing.T) {
	ctx := context.Background()
	a, b := twoInstances(t)
	re := newReviewEnvOn(t, a, 3, false)
	envs := []*apptest.Env{a, b}
	offices := []*apptest.Client{re.office, b.Login("office1")}
	seeds := []string{"窗口A-2026", "窗口B-2026"}
	for _, c := range offices {
		apptest.Check(t, c.Get(re.panelsPath()), http.StatusOK, "", []string{"抽取并分配"}, nil)
	}

	results := make([]*apptest.Response, 2)
	press := make(chan struct{})
	var wg sync.WaitGroup
	for i := range offices {
		wg.Add(1)
		go func() {
			defer wg.Done()
			form := drawForm(seeds[i])
			<-press
			results[i] = offices[i].PostForm(re.panelsPath(), form)
		}()
	}
	close(press)
	wg.Wait()

	won := -1
	for i, res := range results {
		if res.Code == http.StatusSeeOther && strings.HasPrefix(res.Location, "/office/panels/") {
			if won >= 0 {
				t.Fatalf("both presses drew a panel: %s and %s", results[0].Location, results[1].Location)
			}
			won = i
		}
	}
	if won < 0 {
		t.Fatalf("no press drew a panel: %d %s / %d %s", results[0].Code, results[0].Body, results[1].Code, results[1].Body)
	}
	lost := 1 - won
	apptest.Check(t, results[lost], http.StatusUnprocessableEntity, "", []string{"范围内没有需要分配专家的申报"}, nil)

	draws, err := a.Store.FindDraws(ctx, store.DrawFilter{StageID: re.stage.ID})
	if err != nil || len(draws) != 1 || "/office/panels/"+itoa(draws[0].ID) != results[won].Location || draws[0].Seed != seeds[won] {
		t.Fatalf("draws recorded: %v %+v; want the one drawn through %s", err, draws, results[won].Location)
	}
	drawn := draws[0]
	for region, d := range re.dossiers {
		if n := len(re.assigned(t, d)); n != 3 {
			t.Errorf("%s dossier has %d experts standing; want the one panel's 3", region, n)
		}
	}

	other, office := envs[lost], offices[lost]
	t.Run("TheOtherInstanceShowsAndVerifiesThePanel", func(t *testing.T) {
		panel := "/office/panels/" + itoa(drawn.ID)
		apptest.Check(t, office.Get(panel), http.StatusOK, "", []string{seeds[won], drawn.InputHash, "专家组成员"}, nil)
		res := office.PostForm(panel+"/verify", nil)
		apptest.Check(t, res, http.StatusSeeOther, panel, nil, nil)
		apptest.Check(t, office.Get(res.Location), http.StatusOK, "", []string{"复核一致", seeds[won]}, []string{"复核不一致"})
	})
	t.Run("AnExpertSeesTheAssignmentOnTheOtherInstance", func(t *testing.T) {
		d := re.dossiers["徐州市"]
		expert := envs[won].Login(re.assigned(t, d)[0].Username).On(other)
		apptest.Check(t, expert.Get("/expert"), http.StatusOK, "", []string{"徐州市集成电路产业链", re.sheetPath(d)}, nil)
		apptest.Check(t, expert.Get(re.sheetPath(d)), http.StatusOK, "", []string{`data-autosave="` + re.sheetPath(d) + `/draft"`}, nil)
	})
}

// TestTwoInstancesRefuseAStaleSheetSave: an expert has the score sheet open
// in two tabs whose requests go to different instances. The first tab's
// autosave through A moves the sheet to version 1; the second tab's save
// through B, still carrying version 0, is refused as a conflict (409 with
// the Chinese message) and A's values stand; once B's tab shows version 1
// its save goes through.
func TestTwoInstancesRefuseAStaleSheetSave(t *testing.T) {
	ctx := context.Background()
	a, b := twoInstances(t)
	re := newReviewEnvOn(t, a, 3, false)
	re.draw(t, drawForm("两个标签页"))
	d := re.dossiers["江阴市"]
	u := re.assigned(t, d)[0]
	path := re.sheetPath(d)
	tabA := a.Login(u.Username)
	tabB := tabA.On(b)
	for _, tab := range []*apptest.Client{tabA, tabB} {
		apptest.Check(t, tab.Get(path), http.StatusOK, "", []string{`name="version" value="0"`}, nil)
	}

	var saved struct {
		Version int64  `json:"version"`
		Error   string `json:"error"`
	}
	res := autosave(tabA, path+"/draft", url.Values{"version": {"0"}, "points:A1.4": {"6.5"}, "points:A3.3": {"5"}})
	if res.Code != http.StatusOK || json.Unmarshal([]byte(res.Body), &saved) != nil || saved.Version != 1 {
		t.Fatalf("autosave through A: %d %s; want 200 with version 1", res.Code, res.Body)
	}
	res = autosave(tabB, path+"/draft", url.Values{"version": {"0"}, "points:A1.4": {"2"}, "points:A3.3": {"1"}})
	if res.Code != http.StatusConflict || json.Unmarshal([]byte(res.Body), &saved) != nil ||
		!strings.Contains(saved.Error, "评分表已在其他窗口或设备上保存过") {
		t.Fatalf("stale autosave through B: %d %s; want 409 with the conflict message", res.Code, res.Body)
	}
	sheet := re.sheetOf(t, d, u)
	vals, err := b.Store.SheetValues(ctx, sheet.ID)
	if err != nil || sheet.Version != 1 || vals["A1.4"].Points != "6.5" || vals["A3.3"].Points != "5" {
		t.Fatalf("after the stale save: version %d, values %+v (%v); want A's save (version 1, 6.5 and 5)", sheet.Version, vals, err)
	}

	apptest.Check(t, tabB.Get(path), http.StatusOK, "", []string{`name="version" value="1"`, `value="6.5"`}, nil)
	res = autosave(tabB, path+"/draft", url.Values{"version": {"1"}, "points:A1.4": {"7"}, "points:A3.3": {"5"}})
	if res.Code != http.StatusOK || json.Unmarshal([]byte(res.Body), &saved) != nil || saved.Version != 2 {
		t.Errorf("autosave through B at the current version: %d %s; want 200 with version 2", res.Code, res.Body)
	}
}
