package app_test

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"chainjudge/app"
	"chainjudge/app/apptest"
	"chainjudge/app/demo"
	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/reports/pdftext"
	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// demoEnv is the demo loaded into a test server, with the finished 2025
// round.
type demoEnv struct {
	env      *apptest.Env
	finished *store.Competition
}

func newDemoEnv(t *testing.T, opts ...apptest.Option) *demoEnv {
	t.Helper()
	env := apptest.New(t, opts...)
	ctx := context.Background()
	if _, err := demo.Load(ctx, env.Store); err != nil {
		t.Fatal(err)
	}
	de := &demoEnv{env: env}
	comps, _ := env.Store.FindCompetitions(ctx)
	for i := range comps {
		if comps[i].Name == demo.FinishedCompetitionName {
			de.finished = &comps[i]
		}
	}
	if de.finished == nil {
		t.Fatal("the demo has no finished round")
	}
	return de
}

// documents renders the finished round's official documents by name.
func (de *demoEnv) documents(t *testing.T) map[string][]byte {
	t.Helper()
	files, _, err := app.CompetitionDocuments(context.Background(), de.env.Store, de.finished.ID, de.env.Config)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Name] = f.Data
	}
	return out
}

// applicantOf logs in the demo account of a dossier's core region.
func (de *demoEnv) applicantOf(t *testing.T, d *store.Dossier) *apptest.Client {
	t.Helper()
	ctx := context.Background()
	users, err := de.env.Store.FindUsers(ctx, store.UserFilter{Role: store.RoleApplicant})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.RegionID != nil && *u.RegionID == d.RegionID {
			c := de.env.Client()
			apptest.Check(t, c.Login(u.Username, demo.Password), http.StatusSeeOther, "", nil, nil)
			return c
		}
	}
	t.Fatalf("no demo applicant for region %d", d.RegionID)
	return nil
}

// pageNumber is a page number run, "— 3 —", or a step's number, "3. ".
var pageNumber = regexp.MustCompile(`^(— \d+ —|\d+\. )$`)

// pdfText reads a PDF back and returns its text without white space, page
// numbers and step numbers, so a hash or a sentence broken over lines or
// pages can be found.
func pdfText(t *testing.T, name string, data []byte) string {
	t.Helper()
	doc, err := pdftext.Read(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var sb strings.Builder
	for _, p := range doc.Pages {
		for _, r := range p.Runs {
			if !pageNumber.MatchString(r.Text) {
				sb.WriteString(r.Text)
			}
		}
	}
	return squeeze(sb.String())
}

// The receipts printed for the office's files are the PDFs the applicants
// download, byte for byte.
func TestCompetitionDocuments_ReceiptsAreTheApplicantsOwn(t *testing.T) {
	apptest.SkipUnderRace(t)
	de := newDemoEnv(t)
	docs := de.documents(t)
	ds, err := de.env.Store.FindDossiers(context.Background(), store.DossierFilter{CompetitionID: de.finished.ID})
	if err != nil {
		t.Fatal(err)
	}
	receipts := 0
	for i := range ds {
		d := &ds[i]
		name := "申报回执/" + d.NumberString() + "-申报回执.pdf"
		printed, ok := docs[name]
		if d.SubmittedAt == nil {
			if ok {
				t.Errorf("%s printed for a dossier never submitted", name)
			}
			continue
		}
		receipts++
		if !ok {
			t.Errorf("no %s among the documents", name)
			continue
		}
		res := de.applicantOf(t, d).Get("/applicant/dossiers/" + itoa(d.ID) + "/receipt.pdf")
		apptest.Check(t, res, http.StatusOK, "", nil, nil)
		if !bytes.Equal([]byte(res.Body), printed) {
			t.Errorf("%s differs from the receipt its applicant downloads", name)
		}
		text := pdfText(t, name, printed)
		for _, want := range []string{d.NumberString(), strings.TrimPrefix(d.ContentHash, "sha256:")} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
	if receipts == 0 {
		t.Fatal("the finished round has no submitted dossier")
	}
}

// The 得分计算说明 of a finalist of the finished round lets a reader redo
// every number: for each expert criterion the judges the rule dropped, the
// rounding after the aggregate, the weighting and the rounding after it
// (the engine's own steps), and the final score as the weighted sum of the
// stage scores, all agreeing with the frozen results.
func TestCalculationSheetPDF_RedoesTheFinishedRound(t *testing.T) {
	de := newDemoEnv(t)
	ctx := context.Background()
	final, fr, err := de.env.Store.ComputeFinalResult(ctx, de.finished.ID)
	if err != nil {
		t.Fatal(err)
	}
	e := final.Entries[0]
	if e.Rank != 1 || !e.Score.Valid {
		t.Fatalf("first finalist %+v", e.Standing)
	}
	office := de.env.Client()
	apptest.Check(t, office.Login("office", demo.Password), http.StatusSeeOther, "", nil, nil)

	// The final score as the rubric defines it, from the frozen stage scores.
	var sum scoring.Decimal
	var terms []string
	for _, fs := range final.Stages {
		if !fs.Weighted {
			continue
		}
		score := fr.ByKey[fs.ID].Dossier(e.Key).Score.Decimal
		term, err := score.Mul(fs.Share, final.Decimals)
		if err != nil {
			t.Fatal(err)
		}
		sum = sum.Add(term)
		terms = append(terms, "“"+fs.Name+"”阶段"+score.String()+"×权重"+fs.Share.String()+"="+term.StringFixed(final.Decimals))
	}
	if sum.Cmp(e.Score.Decimal) != 0 || len(terms) < 2 {
		t.Fatalf("Σ weight × stage score = %s over %d stages; the final result has %s", sum, len(terms), e.Score.Decimal)
	}

	for _, stage := range fr.Stages {
		res := fr.ByKey[stage.Key]
		d := res.Dossier(e.Key)
		name := stage.Name + " " + e.Key
		pdf := office.Get("/office/stages/" + itoa(stage.ID) + "/dossiers/" + itoa(d.ID) + "/calculation.pdf")
		apptest.Check(t, pdf, http.StatusOK, "", nil, nil)
		text := pdfText(t, name, []byte(pdf.Body))
		mustHave := func(what string, wants ...string) {
			t.Helper()
			for _, w := range wants {
				if !strings.Contains(what, w) {
					t.Errorf("%s: lacks %q in\n%s", name, w, what)
				}
			}
		}
		sections := criterionSections(t, name, text, res)
		for _, info := range res.Criteria {
			if !info.ScoredByExperts() {
				continue
			}
			cr := d.Criterion(info.ID)
			sec := sections[info.ID]
			points := cr.Points
			mustHave(sec, info.ID+squeeze(info.Name)+"（权重1）", "本项得分："+points.String())
			var low, high []results.JudgeMark
			for _, m := range cr.Marks {
				switch m.End {
				case "low":
					low = append(low, m)
				case "high":
					high = append(high, m)
				}
			}
			if len(low) == 0 || len(low) != len(high) {
				t.Fatalf("%s/%s: dropped %d low and %d high; the demo trims", name, info.ID, len(low), len(high))
			}
			mustHave(sec, "去掉的最低分："+markList(low)+"；去掉的最高分："+markList(high))
			first := between(sec, "第一次舍入（汇总后）：", "第二次舍入（加权后）：")
			if !strings.HasSuffix(first, "四舍五入为"+points.StringFixed(res.Decimals)) && !strings.HasSuffix(first, points.String()+"，无需舍入") {
				t.Errorf("%s/%s: first rounding %q does not end at the frozen %s", name, info.ID, first, points)
			}
			second := between(sec, "第二次舍入（加权后）：", "本项得分")
			if !strings.HasPrefix(second, points.String()+"×权重1=") || !strings.HasSuffix(second, "四舍五入为"+points.StringFixed(res.Decimals)) {
				t.Errorf("%s/%s: second rounding %q; want %s × 1 rounded to the frozen points", name, info.ID, second, points)
			}
		}
		mustHave(text, "本阶段得分="+d.ExpertPart.StringFixed(res.Decimals)+"+"+d.ObjectivePart.StringFixed(res.Decimals)+"="+d.Score.Decimal.StringFixed(res.Decimals))
		// 阶段合成: the weighted sum and the final place.
		combined := between(text, "阶段合成", "排名与同分处理")
		mustHave(combined, terms...)
		mustHave(combined, "最终得分="+sum.StringFixed(final.Decimals), "最终排名第1名",
			"“"+final.Stages[0].Name+"”阶段权重=")
	}
}

// criterionSections cuts a calculation sheet's text into its criterion
// sections (from each heading to the next), by criterion id.
func criterionSections(t *testing.T, name, text string, res *results.StageResult) map[string]string {
	t.Helper()
	type mark struct {
		id  string
		pos int
	}
	var marks []mark
	from := 0
	for _, info := range res.Criteria {
		if info.Kind == rubrics.KindVeto {
			continue
		}
		i := strings.Index(text[from:], "、"+info.ID+squeeze(info.Name))
		if i < 0 {
			t.Fatalf("%s: no section for %s", name, info.ID)
		}
		from += i
		marks = append(marks, mark{info.ID, from})
	}
	end := strings.Index(text[from:], "、总分")
	if end < 0 {
		t.Fatalf("%s: no 总分 section", name)
	}
	marks = append(marks, mark{"", from + end})
	out := map[string]string{}
	for i := 0; i+1 < len(marks); i++ {
		out[marks[i].id] = text[marks[i].pos:marks[i+1].pos]
	}
	return out
}

// markList writes dropped marks as the engine lists them: by score, then
// judge, "E03 12、E07 13" (white space squeezed out).
func markList(ms []results.JudgeMark) string {
	slices.SortFunc(ms, func(a, b results.JudgeMark) int {
		if c := a.Score.Cmp(b.Score); c != 0 {
			return c
		}
		return strings.Compare(a.Judge, b.Judge)
	})
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.Judge + m.Score.String()
	}
	return strings.Join(parts, "、")
}

// between is the text after the first start up to the next end.
func between(text, start, end string) string {
	i := strings.Index(text, start)
	if i < 0 {
		return ""
	}
	rest := text[i+len(start):]
	if j := strings.Index(rest, end); j >= 0 {
		return rest[:j]
	}
	return rest
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }
