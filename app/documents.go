package app

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/reports"
)

// CompetitionDocuments renders every official document of a competition for
// printing or archiving: the notices as issued (公示 and result notice), the
// 申报回执 of every submitted dossier (the PDF its applicant downloads), and
// for each stage whose results are frozen the 评分汇总表 of each panel, the
// 得分计算说明 of each dossier and every signed 专家评分表. Unlike the
// transparency bundle these name people and regions: they are for the
// office's files, not for publication. Every PDF is rendered with cfg's
// document options (its fonts), as the server renders them.
func CompetitionDocuments(ctx context.Context, st *store.Store, compID int64, cfg Config) ([]results.BundleFile, *store.Competition, error) {
	opts := cfg.DocumentOptions()
	comp, err := st.FindCompetitionByID(ctx, compID)
	if err != nil {
		return nil, nil, err
	}
	var files []results.BundleFile
	// The documents are gathered first and rendered together at the end,
	// on every core (renderAll): rendering is nearly all of the time taken.
	var pending []namedDocument
	add := func(name string, doc reports.Document) {
		pending = append(pending, namedDocument{name, doc})
	}

	notices, err := st.FindNotices(ctx, store.NoticeFilter{CompetitionID: compID})
	if err != nil {
		return nil, nil, err
	}
	for i := range notices {
		n := &notices[i]
		data, err := noticePDF(ctx, st, comp, n, opts)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, results.BundleFile{Name: "公示与通知/" + noticePDFName(n), Data: data})
	}

	dossiers, err := st.FindDossiers(ctx, store.DossierFilter{CompetitionID: compID})
	if err != nil {
		return nil, nil, err
	}
	for i := range dossiers {
		if !hasReceipt(&dossiers[i]) {
			continue
		}
		d, err := st.FindDossierByID(ctx, dossiers[i].ID)
		if err != nil {
			return nil, nil, err
		}
		dc, err := loadDossierCtx(ctx, st, d)
		if err != nil {
			return nil, nil, err
		}
		doc, err := receiptDocument(ctx, st, dc)
		if err != nil {
			return nil, nil, err
		}
		add("申报回执/"+doc.FileName(), doc)
	}

	stages, err := st.FindStages(ctx, compID)
	if err != nil {
		return nil, nil, err
	}
	for i := range stages {
		stage := &stages[i]
		dir := fmt.Sprintf("%d-%s/", stage.Seq, stage.Name)
		if rec, err := st.FindStageResult(ctx, stage.ID); err == nil {
			res, err := rec.Result()
			if err != nil {
				return nil, nil, err
			}
			for _, panel := range panelsOf(res) {
				if doc, ok := scoreSummary(comp, stage, rec, res, panel); ok {
					add(dir+"评分汇总表-"+panel+".pdf", doc)
				}
			}
			basis, err := loadCalcBasis(ctx, st, comp, rec)
			if err != nil {
				return nil, nil, err
			}
			for j := range res.Dossiers {
				doc, err := calculationSheet(comp, stage, rec, res, &res.Dossiers[j], basis)
				if err != nil {
					return nil, nil, err
				}
				add(dir+"得分计算说明/"+doc.FileName(), doc)
			}
		}
		sheets, err := st.FindSheets(ctx, store.SheetFilter{StageID: stage.ID})
		if err != nil {
			return nil, nil, err
		}
		for k := range sheets {
			if sheets[k].Status != store.SheetSubmitted {
				continue
			}
			doc, err := expertSheetDocument(ctx, st, &sheets[k], false)
			if err != nil {
				return nil, nil, err
			}
			add(dir+"专家评分表/"+doc.FileName(), doc)
		}
	}
	rendered, err := renderAll(pending, opts)
	if err != nil {
		return nil, nil, err
	}
	return append(files, rendered...), comp, nil
}

// namedDocument is a document and the file name it is written under.
type namedDocument struct {
	name string
	doc  reports.Document
}

// maxRenderWorkers bounds renderAll's workers whatever the core count: a
// document takes about 70 MB while it renders (docs/BENCHMARKS.md).
const maxRenderWorkers = 4

// renderAll renders documents concurrently, one worker per core up to
// maxRenderWorkers, and returns the files in the order given. reports
// renders documents independently (each has its own copy of the font
// bytes), so the only limit is memory. The first error is returned.
func renderAll(docs []namedDocument, opts reports.Options) ([]results.BundleFile, error) {
	files := make([]results.BundleFile, len(docs))
	errs := make([]error, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), maxRenderWorkers, len(docs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := reports.Bytes(docs[i].doc, opts)
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", docs[i].name, err)
					continue
				}
				files[i] = results.BundleFile{Name: docs[i].name, Data: data}
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// panelsOf lists the panel labels of a stage result in order.
func panelsOf(res *results.StageResult) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range res.Dossiers {
		label := d.Panel
		if label == "" {
			label = results.AllJudgesPanel
		}
		if !seen[label] {
			seen[label] = true
			out = append(out, label)
		}
	}
	sort.Strings(out)
	return out
}

// noticePDF is a notice's PDF as issued, or rendered from its stored text
// and list when it was issued without one.
func noticePDF(ctx context.Context, st *store.Store, comp *store.Competition, n *store.Notice, opts reports.Options) ([]byte, error) {
	if n.PDFSHA256 != nil {
		data, err := st.Blobs().Get(ctx, *n.PDFSHA256)
		if err != nil {
			return nil, fmt.Errorf("notice %d pdf: %w", n.ID, err)
		}
		return data, nil
	}
	entries, err := n.Entries()
	if err != nil {
		return nil, err
	}
	render := publicityDocument
	if n.Kind == store.NoticeResult {
		render = resultDocument
	}
	data, err := render(comp, n, entries, opts)
	if err != nil {
		return nil, fmt.Errorf("render notice %d: %w", n.ID, err)
	}
	return data, nil
}
