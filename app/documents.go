package app

import (
	"context"
	"fmt"
	"sort"

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
	add := func(name string, doc reports.Document) error {
		data, err := reports.Bytes(doc, opts)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		files = append(files, results.BundleFile{Name: name, Data: data})
		return nil
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
		if err := add("申报回执/"+doc.FileName(), doc); err != nil {
			return nil, nil, err
		}
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
					if err := add(dir+"评分汇总表-"+panel+".pdf", doc); err != nil {
						return nil, nil, err
					}
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
				if err := add(dir+"得分计算说明/"+doc.FileName(), doc); err != nil {
					return nil, nil, err
				}
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
			if err := add(dir+"专家评分表/"+doc.FileName(), doc); err != nil {
				return nil, nil, err
			}
		}
	}
	return files, comp, nil
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
