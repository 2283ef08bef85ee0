package app_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"chainjudge/app/apptest"
)

// The office's pages carry their charts: the judges' scores and leniency on
// a stage's results, each dossier's criteria with the dropped and flagged
// scores marked, the funnel on the results hub, progress per expert.
func TestCharts_OnTheOfficePages(t *testing.T) {
	r := newResultsEnv(t)
	st := r.stages[0]
	page := r.office.Get(r.path("/office/stages/%d/results", st.ID))
	apptest.Check(t, page, http.StatusOK, "", []string{
		`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-strip"`, "各申报的评委评分分布",
		`class="chart chart-leniency"`, "评委宽严：与同组评委平均评分的偏差",
		// D3's P1: 10 12 14 16 30; the 10 and the 30 are dropped, the 30 is 畸高.
		r.dossiers[2].Title,
	}, []string{` style=`})
	// D3's criterion chart: P1's marks, the 30 dropped at the high end and flagged.
	high := regexp.MustCompile(`<g class="mark flagged dropped"><title>[A-Z0-9]+：30分（去掉的最高分，畸高）</title>`)
	if !high.MatchString(page.Body) {
		t.Error("D3's 30 is not drawn as a dropped 畸高 score")
	}
	low := regexp.MustCompile(`<g class="mark dropped"><title>[A-Z0-9]+：10分（去掉的最低分）</title>`)
	if !low.MatchString(page.Body) {
		t.Error("D3's 10 is not drawn as the dropped lowest score")
	}
	// One criterion chart per dossier, each with its own ids.
	if n := strings.Count(page.Body, `class="chart chart-strip"`); n != 1+len(r.dossiers) {
		t.Errorf("strip plots = %d; want %d (the overview and one per dossier)", n, 1+len(r.dossiers))
	}

	hub := r.office.Get(r.path("/office/competitions/%d/results", r.comp.ID))
	apptest.Check(t, hub, http.StatusOK, "", []string{`class="chart chart-funnel"`, "通过形式审查：4个", "进入遴选答辩"}, nil)

	progress := r.office.Get(r.path("/office/panels/stages/%d/progress", st.ID))
	apptest.Check(t, progress, http.StatusOK, "", []string{`class="chart chart-progress"`, "各专家评分表进度", "已提交 4/4 份"}, nil)
}
