package app

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/reports"

	"github.com/labstack/echo/v4"
)

// Bulk documents: a stage's PDFs rendered in the background into one ZIP,
// with a progress bar that survives reloads (/jobs/:id) and the ZIP to
// download when done.

// Document sets the office can ask for.
const (
	bulkSheets  = "sheets"  // every signed 专家评分表 of the stage
	bulkResults = "results" // 评分汇总表 per panel and 得分计算说明 per dossier (frozen stages)
)

// bulkDoc is one document of a bulk job, rendered when the job reaches it.
type bulkDoc struct {
	name   string
	render func(ctx context.Context) (reports.Document, error)
}

// handleStageDocuments starts the job that renders a stage's documents and
// sends the office to its progress page.
func (s *Server) handleStageDocuments(c echo.Context) error {
	st, comp, err := s.loadResultStage(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	kind := c.FormValue("kind")
	var docs []bulkDoc
	var what string
	switch kind {
	case bulkSheets:
		what = "专家评分表"
		docs, err = s.sheetDocs(ctx, st)
	case bulkResults:
		what = "评分汇总表和得分计算说明"
		docs, err = s.resultDocs(ctx, comp, st)
	default:
		return echo.NewHTTPError(http.StatusBadRequest, "请选择要生成的文书。")
	}
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return fmt.Errorf("“%s”还没有可生成的%s: %w", st.Name, what, store.ErrConflict)
	}
	zipName := fmt.Sprintf("%s-%s-%s.zip", comp.Name, st.Name, what)
	title := fmt.Sprintf("批量生成 PDF：%s · %s（%d 份）", st.Name, what, len(docs))
	job, err := s.startJob("stage_documents", title, currentUser(c), len(docs), func(r *jobRun) (store.JobOutcome, error) {
		return renderBulk(r, docs, st.Name+"-"+what, zipName, s.now(), s.docOptions())
	})
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/jobs/%d", job.ID))
}

// renderBulk renders each document in turn, reporting progress, and packs
// them into one ZIP under dir/.
func renderBulk(r *jobRun, docs []bulkDoc, dir, zipName string, now time.Time, opts reports.Options) (store.JobOutcome, error) {
	report := jobReport{Columns: []string{"序号", "文件", "大小"}}
	files := make([]results.BundleFile, 0, len(docs))
	used := map[string]bool{}
	size := 0
	for i, d := range docs {
		doc, err := d.render(r.ctx)
		if err != nil {
			return store.JobOutcome{Report: report.encode()}, fmt.Errorf("%s: %w", d.name, err)
		}
		data, err := reports.Bytes(doc, opts)
		if err != nil {
			return store.JobOutcome{Report: report.encode()}, fmt.Errorf("%s: %w", d.name, err)
		}
		name := doc.FileName()
		if used[name] {
			name = fmt.Sprintf("%03d-%s", i+1, name)
		}
		used[name] = true
		files = append(files, results.BundleFile{Name: name, Data: data})
		size += len(data)
		report.Rows = append(report.Rows, []string{strconv.Itoa(i + 1), name, humanBytes(int64(len(data)))})
		r.Progress(i+1, len(docs), "已生成 "+name)
	}
	zipped, err := results.ZipBundle(dir, files, now)
	if err != nil {
		return store.JobOutcome{}, err
	}
	report.Summary = fmt.Sprintf("共 %d 份 PDF，合计 %s，打包为 %s（%s）。", len(files), humanBytes(int64(size)), zipName, humanBytes(int64(len(zipped))))
	return store.JobOutcome{Message: fmt.Sprintf("已生成 %d 份 PDF。", len(files)), Report: report.encode(),
		ResultName: zipName, ResultType: "application/zip", Result: zipped}, nil
}

// sheetDocs lists the signed score sheets of a stage.
func (s *Server) sheetDocs(ctx context.Context, st *store.Stage) ([]bulkDoc, error) {
	sheets, err := s.store.FindSheets(ctx, store.SheetFilter{StageID: st.ID})
	if err != nil {
		return nil, err
	}
	var docs []bulkDoc
	for i := range sheets {
		sh := sheets[i]
		if sh.Status != store.SheetSubmitted {
			continue
		}
		docs = append(docs, bulkDoc{name: fmt.Sprintf("评分表 %d", sh.ID), render: func(ctx context.Context) (reports.Document, error) {
			return expertSheetDocument(ctx, s.store, &sh, false)
		}})
	}
	return docs, nil
}

// resultDocs lists the 评分汇总表 of each panel and the 得分计算说明 of
// each dossier of a frozen stage.
func (s *Server) resultDocs(ctx context.Context, comp *store.Competition, st *store.Stage) ([]bulkDoc, error) {
	rec, err := s.store.FindStageResult(ctx, st.ID)
	if err != nil {
		return nil, fmt.Errorf("阶段“%s”的结果尚未冻结，冻结后才能生成汇总表和计算说明: %w", st.Name, store.ErrConflict)
	}
	res, err := rec.Result()
	if err != nil {
		return nil, err
	}
	basis, err := loadCalcBasis(ctx, s.store, comp, rec)
	if err != nil {
		return nil, err
	}
	var docs []bulkDoc
	for _, panel := range panelsOf(res) {
		docs = append(docs, bulkDoc{name: "评分汇总表 " + panel, render: func(context.Context) (reports.Document, error) {
			doc, _ := scoreSummary(comp, st, rec, res, panel)
			return doc, nil
		}})
	}
	for i := range res.Dossiers {
		d := &res.Dossiers[i]
		docs = append(docs, bulkDoc{name: "得分计算说明 " + d.Key, render: func(context.Context) (reports.Document, error) {
			return calculationSheet(comp, st, rec, res, d, basis)
		}})
	}
	return docs, nil
}
