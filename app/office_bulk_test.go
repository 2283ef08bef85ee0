package app_test

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"testing"

	"chainjudge/app/apptest"
)

// readZip opens a downloaded ZIP and returns its files by name.
func readZip(t *testing.T, body string) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}

func TestStageDocuments_BulkPDFAsAJob(t *testing.T) {
	r := newResultsEnv(t)
	st := r.stages[0]
	docs := r.path("/office/stages/%d/documents", st.ID)

	apptest.Scenario{Name: "ResultsBeforeFreezing", As: r.office, Method: http.MethodPost, Path: docs,
		Form: url.Values{"kind": {"results"}}, WantStatus: http.StatusConflict, WantContains: []string{"尚未冻结"}}.Run(t, r.env)
	apptest.Scenario{Name: "UnknownKind", As: r.office, Method: http.MethodPost, Path: docs,
		Form: url.Values{"kind": {"everything"}}, WantStatus: http.StatusBadRequest, WantContains: []string{"请选择要生成的文书"}}.Run(t, r.env)
	apptest.Scenario{Name: "NotForExperts", As: r.env.Login("judge0"), Method: http.MethodPost, Path: docs,
		Form: url.Values{"kind": {"sheets"}}, WantStatus: http.StatusForbidden}.Run(t, r.env)
	apptest.Check(t, r.office.Get(r.path("/office/panels/stages/%d/progress", st.ID)), http.StatusOK, "",
		[]string{`action="` + docs + `"`, "批量生成评分表 PDF（ZIP）"}, nil)

	t.Run("SignedSheets", func(t *testing.T) {
		res := r.office.PostForm(docs, url.Values{"kind": {"sheets"}})
		apptest.Check(t, res, http.StatusSeeOther, "/jobs/", nil, nil)
		page := r.office.WaitJob(res.Location)
		apptest.Check(t, page, http.StatusOK, "", []string{"批量生成 PDF：申报评审 · 专家评分表（20 份）", "已完成", "已生成 20 份 PDF",
			`<progress class="job" max="100" value="100"`, "共 20 份 PDF", "下载结果文件"}, nil)
		if page.Header.Get("Refresh") != "" {
			t.Error("a finished job's page still reloads itself")
		}
		zipRes := r.office.Get(res.Location + "/result")
		if zipRes.Code != http.StatusOK || zipRes.Header.Get("Content-Type") != "application/zip" {
			t.Fatalf("result: %d %s", zipRes.Code, zipRes.Header.Get("Content-Type"))
		}
		files := readZip(t, zipRes.Body)
		if len(files) != 20 {
			t.Fatalf("ZIP holds %d files; want 20 (4 dossiers × 5 experts)", len(files))
		}
		for name, data := range files {
			if !strings.HasPrefix(name, "申报评审-专家评分表/") || !strings.HasSuffix(name, ".pdf") || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Errorf("%s: not a PDF in the stage's folder (%.8q)", name, data)
			}
		}
		apptest.Check(t, r.office.Get(res.Location+"/result"), http.StatusGone, "", []string{"只能下载一次"}, nil)
	})

	t.Run("FrozenResults", func(t *testing.T) {
		r.verifyAll(t)
		r.confirmVeto(t)
		apptest.Check(t, r.freeze(t, 0), http.StatusSeeOther, "", nil, nil)
		apptest.Check(t, r.office.Get(r.path("/office/stages/%d/results", st.ID)), http.StatusOK, "",
			[]string{"批量生成汇总表和计算说明（ZIP）", `name="kind" value="results"`}, nil)
		res := r.office.PostForm(docs, url.Values{"kind": {"results"}})
		apptest.Check(t, res, http.StatusSeeOther, "/jobs/", nil, nil)
		page := r.office.WaitJob(res.Location)
		// One panel's 评分汇总表 and four 得分计算说明.
		apptest.Check(t, page, http.StatusOK, "", []string{"评分汇总表和得分计算说明（5 份）", "已生成 5 份 PDF"}, nil)
		files := readZip(t, r.office.Get(res.Location+"/result").Body)
		summaries, sheets := 0, 0
		for name, data := range files {
			if !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Errorf("%s is not a PDF", name)
			}
			switch base := path.Base(name); {
			case strings.HasSuffix(base, "评分汇总表.pdf"):
				summaries++
			case strings.HasSuffix(base, "得分计算说明.pdf"):
				sheets++
			}
		}
		if summaries != 1 || sheets != 4 {
			t.Errorf("ZIP: %d summaries and %d calculation sheets; want 1 and 4: %v", summaries, sheets, keys(files))
		}
	})
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
