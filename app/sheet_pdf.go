package app

import (
	"context"
	"fmt"
	"strings"

	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/reports"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// expertSheetDocument builds the 专家评分表 of a signed sheet: the expert's
// answers per criterion, comments, the reasons given for flagged scores, the
// rubric hash the scores were given under, and a signature line. blind hides
// the applicant as the expert saw it in a blind stage.
func expertSheetDocument(ctx context.Context, st *store.Store, sheet *store.ScoreSheet, blind bool) (reports.ExpertSheet, error) {
	var doc reports.ExpertSheet
	if sheet.Status != store.SheetSubmitted || sheet.SubmittedAt == nil {
		return doc, fmt.Errorf("评分表签名提交后才能打印: %w", store.ErrConflict)
	}
	stage, err := st.FindStageByID(ctx, sheet.StageID)
	if err != nil {
		return doc, err
	}
	comp, err := st.FindCompetitionByID(ctx, stage.CompetitionID)
	if err != nil {
		return doc, err
	}
	snap, err := st.FindRubricSnapshot(ctx, sheet.RubricHash)
	if err != nil {
		return doc, fmt.Errorf("rubric %s of sheet %d: %w", sheet.RubricHash, sheet.ID, err)
	}
	rubric, err := rubrics.Parse("snapshot.yaml", []byte(snap.YAML))
	if err != nil {
		return doc, fmt.Errorf("rubric %s of sheet %d: %w", sheet.RubricHash, sheet.ID, err)
	}
	rules := rubric.Stage(stage.Key)
	if rules == nil {
		return doc, fmt.Errorf("rubric %s has no stage %s", sheet.RubricHash, stage.Key)
	}
	d, err := st.FindDossierByID(ctx, sheet.DossierID)
	if err != nil {
		return doc, err
	}
	infos, err := review.LoadDossierInfos(ctx, st, []store.Dossier{*d})
	if err != nil {
		return doc, err
	}
	info := infos[d.ID]
	expert, err := st.FindUserByID(ctx, sheet.ExpertID)
	if err != nil {
		return doc, err
	}
	values, err := st.SheetValues(ctx, sheet.ID)
	if err != nil {
		return doc, err
	}
	flags, err := st.FindFlags(ctx, store.FlagFilter{StageID: sheet.StageID, DossierID: sheet.DossierID,
		ExpertID: sheet.ExpertID, Statuses: []store.FlagStatus{store.FlagOpen, store.FlagJustified}})
	if err != nil {
		return doc, err
	}
	flagOf := map[string]store.ScoreFlag{}
	for _, f := range flags {
		flagOf[f.CriterionID] = f
	}

	applicant := info.Core
	if len(info.Collab) > 0 {
		applicant += "（协同区：" + strings.Join(info.Collab, "、") + "）"
	}
	if blind {
		applicant = "盲评（申报地区不予显示）"
	}
	doc = reports.ExpertSheet{
		DossierRef: reports.DossierRef{Competition: comp.Name, Stage: stage.Name, Group: info.Cluster,
			DossierNo: d.NumberString(), Chain: info.Chain, Applicant: applicant},
		Expert: expert.DisplayName, Overall: values[store.OverallCriterion].Comment,
		RubricName: rubric.Name, RubricVersion: rubric.Version,
		RubricHash: strings.TrimPrefix(sheet.RubricHash, rubrics.HashPrefix), SubmittedAt: *sheet.SubmittedAt,
	}
	if doc.DossierNo == "" {
		doc.DossierNo = fmt.Sprintf("#%d", d.ID)
	}
	for _, cr := range rules.ExpertCriteria() {
		v := values[cr.ID]
		m := reports.CriterionMark{Code: cr.ID, Name: cr.Name, Comment: v.Comment}
		switch cr.Kind {
		case rubrics.KindVeto:
			m.Max = "否决项"
			m.Score = map[string]string{"yes": "是", "no": "否", "": "未答"}[v.Veto]
			if v.Veto == "yes" && v.VetoReason != "" {
				m.Comment = strings.TrimSpace("否决理由：" + v.VetoReason + " " + v.Comment)
			}
		default:
			m.Max = cr.Max.String()
			m.Score = v.Points
			if v.Grade != "" {
				m.Score = v.Grade + " " + v.Points
			}
		}
		if f, ok := flagOf[cr.ID]; ok {
			m.Flag = reports.FlagLow
			if f.Direction == "high" {
				m.Flag = reports.FlagHigh
			}
			m.FlagReason = f.Reason
		}
		doc.Criteria = append(doc.Criteria, m)
	}
	total, max := sheetTotal(rules, values)
	doc.Total, doc.MaxTotal = total.String(), max.String()
	return doc, nil
}

// sendExpertSheet renders the document and sends it as a download.
func (s *Server) sendExpertSheet(c echo.Context, sheet *store.ScoreSheet, blind bool) error {
	doc, err := expertSheetDocument(c.Request().Context(), s.store, sheet, blind)
	if err != nil {
		return err
	}
	data, err := reports.Bytes(doc, s.docOptions())
	if err != nil {
		return err
	}
	return sendDownload(c, doc.FileName(), "application/pdf", data)
}

// handleExpertSheetPDF lets an expert print their own signed sheet.
func (s *Server) handleExpertSheetPDF(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	if sc.Sheet == nil {
		return fmt.Errorf("评分表签名提交后才能打印: %w", store.ErrConflict)
	}
	return s.sendExpertSheet(c, sc.Sheet, sc.Rules.BlindReview)
}

// handleOfficeSheetPDF lets the office print any signed sheet.
func (s *Server) handleOfficeSheetPDF(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	sheet, err := s.store.FindSheetByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.sendExpertSheet(c, sheet, false)
}
