package app_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"chainjudge/app"
	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

// getJSON fetches path the way a script would, asking for JSON.
func getJSON(c *apptest.Client, path string) *apptest.Response {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Requested-With", "fetch")
	return c.Do(req)
}

// A job's page while the job is still running: it reloads itself every few
// seconds (Refresh header, no script needed), shows the percentage and the
// progress bar below 100 with the job's last message and no download yet;
// reloading — in the same browser or through another instance that has
// nothing in memory — shows the same progress, because it is read from the
// job's row; when progress moves the next reload shows it; when the job
// ends the page stops reloading and offers the result file, once.
//
// The job is driven through the store functions the job runner itself calls
// (CreateJob, UpdateJobProgress, FinishJob — see app/jobs.go), so the
// running state is observed deterministically, without timing.
func TestJobPage_RunningJobShowsProgressAcrossReloadsUntilTheDownload(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	owner := env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")
	job, err := env.Store.CreateJob(ctx, "import_users", "批量导入账号（专家名单.xlsx，240 行）", owner.ID, 240)
	if err != nil {
		t.Fatal(err)
	}
	page := "/jobs/" + itoa(job.ID)
	running := func(t *testing.T, c *apptest.Client, percent, counts, message string) {
		t.Helper()
		res := c.Get(page)
		apptest.Check(t, res, http.StatusOK, "", []string{"批量导入账号（专家名单.xlsx，240 行）", "正在处理，请稍候",
			`<progress class="job" max="100" value="` + percent + `"`, counts, message}, []string{"下载结果文件", "已完成"})
		if got := res.Header.Get("Refresh"); got != "3" {
			t.Errorf("Refresh header = %q; a running job's page reloads itself every 3 seconds", got)
		}
	}

	if err := env.Store.UpdateJobProgress(ctx, job.ID, 96, 240, "已处理 96 行"); err != nil {
		t.Fatal(err)
	}
	t.Run("Running", func(t *testing.T) {
		running(t, office, "40", "96 / 240（40%）", "已处理 96 行")
		res := getJSON(office, page)
		var body map[string]any
		decodeJSON(t, res, &body)
		if body["status"] != "running" || body["percent"] != float64(40) || body["done"] != float64(96) || body["result"] != false {
			t.Errorf("JSON progress = %v; want running at 40%% without a result", body)
		}
	})
	t.Run("SurvivesAReload", func(t *testing.T) {
		running(t, office, "40", "96 / 240（40%）", "已处理 96 行") // the same browser again
		// Another instance on the same database, started after the job.
		srv, err := app.New(env.Config, env.Store)
		if err != nil {
			t.Fatal(err)
		}
		other := &apptest.Env{T: t, Store: env.Store, Server: srv, Clock: env.Clock, Config: env.Config}
		running(t, office.On(other), "40", "96 / 240（40%）", "已处理 96 行")
	})
	t.Run("ProgressMoves", func(t *testing.T) {
		if err := env.Store.UpdateJobProgress(ctx, job.ID, 239, 240, "已处理 239 行"); err != nil {
			t.Fatal(err)
		}
		running(t, office, "99", "239 / 240（99%）", "已处理 239 行")
	})
	t.Run("NotForOthers", func(t *testing.T) {
		env.CreateUser(store.RoleApplicant, "wuxi", "无锡市")
		apptest.Check(t, env.Login("wuxi").Get(page), http.StatusNotFound, "", nil, []string{"已处理"})
	})

	// As the runner does: the last row's progress, then the outcome.
	if err := env.Store.UpdateJobProgress(ctx, job.ID, 240, 240, "已处理 240 行"); err != nil {
		t.Fatal(err)
	}
	if err := env.Store.FinishJob(ctx, job.ID, store.JobOutcome{Message: "导入结果：成功 240 行，失败 0 行",
		ResultName: "初始密码.csv", ResultType: "text/csv; charset=utf-8", Result: []byte("用户名,姓名,角色,初始密码\n")}); err != nil {
		t.Fatal(err)
	}
	t.Run("Done", func(t *testing.T) {
		res := office.Get(page)
		apptest.Check(t, res, http.StatusOK, "", []string{"已完成。导入结果：成功 240 行，失败 0 行",
			`<progress class="job" max="100" value="100"`, `href="` + page + `/result"`, "下载结果文件：初始密码.csv"},
			[]string{"正在处理，请稍候"})
		if got := res.Header.Get("Refresh"); got != "" {
			t.Errorf("Refresh header = %q on a finished job; it must stop reloading", got)
		}
		download := office.Get(page + "/result")
		if download.Code != http.StatusOK || !strings.HasPrefix(download.Body, "用户名,姓名") {
			t.Fatalf("download: %d %q", download.Code, download.Body)
		}
		apptest.Check(t, office.Get(page), http.StatusOK, "", []string{"结果文件已下载"}, []string{"下载结果文件："})
	})
}

// A running job that has stopped reporting (its instance was stopped) is
// not shown as progressing forever: after two minutes without progress the
// page says it may have been interrupted and stops reloading.
func TestJobPage_StalledJobStopsReloading(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	owner := env.CreateUser(store.RoleOffice, "office1", "")
	job, err := env.Store.CreateJob(ctx, "bulk_pdf", "批量生成 PDF：申报评审 · 专家评分表（20 份）", owner.ID, 20)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Store.UpdateJobProgress(ctx, job.ID, 5, 20, "已生成 5 份"); err != nil {
		t.Fatal(err)
	}
	page := "/jobs/" + itoa(job.ID)
	env.Clock.T = env.Clock.T.Add(2*time.Minute - time.Second)
	res := env.Login("office1").Get(page)
	apptest.Check(t, res, http.StatusOK, "", []string{"正在处理，请稍候", `value="25"`}, []string{"可能因服务重启而中断"})
	if res.Header.Get("Refresh") != "3" {
		t.Errorf("a job that reported progress within two minutes should still reload its page")
	}
	env.Clock.T = env.Clock.T.Add(2 * time.Second)
	res = env.Login("office1").Get(page)
	apptest.Check(t, res, http.StatusOK, "", []string{"任务已超过 2 分钟没有进展，可能因服务重启而中断", `value="25"`},
		[]string{"正在处理，请稍候"})
	if got := res.Header.Get("Refresh"); got != "" {
		t.Errorf("Refresh header = %q on a stalled job; it must stop reloading", got)
	}
}
