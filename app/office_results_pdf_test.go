package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"chainjudge/app"
	"chainjudge/app/apptest"
	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/reports/fonts"
	"chainjudge/reports/pdftext"
	"chainjudge/scoring"
)

// droppedMark is the "去n项" set under a judge's total.
var droppedMark = regexp.MustCompile(`去(\d+)项`)

// The 评分汇总表 shows each judge's total on a dossier; the rule drops
// single criterion scores, so under each total it counts how many of that
// judge's criterion scores there the engine dropped, and nowhere else.
func TestScoreSummaryPDF_CountsDroppedCriterionScores(t *testing.T) {
	r := newResultsEnv(t)
	st := r.stages[0]
	r.verifyAll(t)
	r.confirmVeto(t)
	apptest.Check(t, r.freeze(t, 0), http.StatusSeeOther, "", nil, nil)
	rec, err := r.env.Store.FindStageResult(context.Background(), st.ID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := rec.Result()
	if err != nil {
		t.Fatal(err)
	}

	// What the engine dropped, as `chainjudge score` reports it per criterion.
	dropped := map[[2]string]int{} // dossier key, judge → criteria dropped
	for _, cr := range results.ScoreRequests(res) {
		out, err := cr.Request.Evaluate(false)
		if err != nil {
			t.Fatal(err)
		}
		for _, item := range out.Items {
			for _, j := range item.Dropped {
				dropped[[2]string{item.ID, j}]++
			}
		}
	}
	totals := map[[2]string]scoring.Decimal{}
	flagged := map[[2]string]string{}
	for _, d := range res.Dossiers {
		for _, c := range d.Criteria {
			for _, m := range c.Marks {
				k := [2]string{d.Key, m.Judge}
				totals[k] = totals[k].Add(m.Score)
				if m.Flagged {
					flagged[k] = map[string]string{"畸高": "▲", "畸低": "▼"}[m.Direction]
				}
			}
		}
	}

	if len(flagged) == 0 {
		t.Fatal("the fixture has no flagged score")
	}

	pdf := r.office.Get(r.path("/office/stages/%d/summary.pdf?panel=%s", st.ID, url.QueryEscape("评审组")))
	apptest.Check(t, pdf, http.StatusOK, "", nil, nil)
	doc, err := pdftext.Read([]byte(pdf.Body))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(doc.Text(), "\n", "")
	for _, want := range []string{"评委合计分后标注的“去n项”表示该评委在该申报上有n个指标的评分按汇总规则被去掉，明细见得分计算说明"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, doc.Text())
		}
	}
	if strings.Contains(text, "删除线") {
		t.Error("the legend explains struck-through totals, which the summary never shows")
	}

	cells, marks := 0, 0
	for _, p := range doc.Pages {
		for _, table := range pdfTables(p) {
			if len(table) == 0 || len(table[0]) < 3 || table[0][1] != "申报编号" {
				continue
			}
			head := table[0]
			for _, row := range table[1:] {
				key := row[1]
				for c, judge := range head {
					if !slices.Contains(res.Judges, judge) {
						continue
					}
					k := [2]string{key, judge}
					cells++
					lines := strings.Split(row[c], "\n")
					if lines[0] != totals[k].String() {
						t.Errorf("%s/%s: cell %q; want the judge's total %s first", key, judge, row[c], totals[k])
					}
					want := ""
					if n := dropped[k]; n > 0 {
						want = fmt.Sprintf("去%d项", n)
					}
					got := ""
					if m := droppedMark.FindString(row[c]); m != "" {
						got = m
						marks++
					}
					if got != want {
						t.Errorf("%s/%s: mark %q; want %q (the engine dropped %d of the judge's criterion scores)", key, judge, got, want, dropped[k])
					}
					if f := flagged[k]; strings.Contains(row[c], "▲") != (f == "▲") || strings.Contains(row[c], "▼") != (f == "▼") {
						t.Errorf("%s/%s: cell %q; want flag %q", key, judge, row[c], f)
					}
				}
			}
		}
	}
	if cells != len(totals) {
		t.Errorf("%d judge cells read back; want %d", cells, len(totals))
	}
	if marks == 0 || marks > cells {
		t.Errorf("%d marks in %d cells", marks, cells)
	}
}

// Every PDF the server sends is set in the configured fonts: a second
// instance on the same database with another body font sends other bytes
// for the same documents, with the same text.
func TestDocuments_UseTheConfiguredBodyFont(t *testing.T) {
	r := newResultsEnv(t)
	st := r.stages[0]
	r.verifyAll(t)
	r.confirmVeto(t)
	apptest.Check(t, r.freeze(t, 0), http.StatusSeeOther, "", nil, nil)
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	kai, err := fonts.Parse("楷体作正文", set.Kai.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	custom := set.WithBody(kai)
	cfg := r.env.Config
	cfg.Fonts = &custom
	srv, err := app.New(cfg, r.env.Store)
	if err != nil {
		t.Fatal(err)
	}
	other := &apptest.Env{T: t, Store: r.env.Store, Server: srv, Clock: r.env.Clock, Config: cfg}
	sheets, _ := r.env.Store.FindSheets(context.Background(), store.SheetFilter{StageID: st.ID})
	for _, path := range []string{
		r.path("/office/stages/%d/summary.pdf?panel=%s", st.ID, url.QueryEscape("评审组")),
		r.path("/office/stages/%d/dossiers/%d/calculation.pdf", st.ID, r.dossiers[0].ID),
		"/office/panels/sheets/" + itoa(sheets[0].ID) + "/sheet.pdf",
	} {
		plain, custom := r.office.Get(path), r.office.On(other).Get(path)
		apptest.Check(t, plain, http.StatusOK, "", nil, nil)
		apptest.Check(t, custom, http.StatusOK, "", nil, nil)
		if plain.Body == custom.Body {
			t.Errorf("%s: the same PDF with another body font", path)
		}
		if a, b := pdfText(t, path, []byte(plain.Body)), pdfText(t, path, []byte(custom.Body)); a != b {
			t.Errorf("%s: the text differs with another body font:\n%s\n%s", path, a, b)
		}
	}
}
