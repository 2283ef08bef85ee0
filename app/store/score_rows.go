package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ScoreRow is one signed value of one expert for one criterion of one
// dossier: the plain row results are computed from.
type ScoreRow struct {
	SheetID     int64
	DossierID   int64
	ExpertID    int64
	CriterionID string
	// Value is the points as a decimal string ("" for a veto criterion).
	Value      string
	Grade      string
	Vetoed     bool
	VetoReason string
	Comment    string
	RubricHash string
	// SubmittedAt is when the sheet was (last) signed.
	SubmittedAt time.Time
	// Flags are the 畸高/畸低 flags on this value, with the experts' reasons.
	Flags []ScoreFlag
}

// ScoreFilter narrows FindSubmittedScores; zero fields do not filter
// (StageID is required).
type ScoreFilter struct {
	StageID   int64
	DossierID int64
}

// SubmittedScores returns every signed value of the stage (sheets of
// standing assignments only), ordered by dossier, criterion and expert.
// Overall comments are left out. Flags that are superseded are left out.
func (s *Store) SubmittedScores(ctx context.Context, stageID int64) ([]ScoreRow, error) {
	return s.FindSubmittedScores(ctx, ScoreFilter{StageID: stageID})
}

// FindSubmittedScores is SubmittedScores narrowed by f.
func (s *Store) FindSubmittedScores(ctx context.Context, f ScoreFilter) ([]ScoreRow, error) {
	if f.StageID == 0 {
		return nil, fmt.Errorf("submitted scores: stage required")
	}
	sheets, err := s.FindSheets(ctx, SheetFilter{StageID: f.StageID, DossierID: f.DossierID, Status: SheetSubmitted, ActiveOnly: true})
	if err != nil {
		return nil, err
	}
	if len(sheets) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(sheets))
	bySheet := make(map[int64]*ScoreSheet, len(sheets))
	for i := range sheets {
		ids[i] = sheets[i].ID
		bySheet[sheets[i].ID] = &sheets[i]
	}
	var entries []ScoreEntry
	if err := s.conn(ctx).Where("sheet_id IN ?", ids).Order("id").Find(&entries).Error; err != nil {
		return nil, fmt.Errorf("score entries: %w", err)
	}
	latest := map[[2]string]ScoreEntry{}
	for _, e := range entries {
		latest[[2]string{fmt.Sprint(e.SheetID), e.CriterionID}] = e
	}
	flags, err := s.FindFlags(ctx, FlagFilter{StageID: f.StageID, DossierID: f.DossierID,
		Statuses: []FlagStatus{FlagOpen, FlagJustified, FlagRevised}})
	if err != nil {
		return nil, err
	}
	var out []ScoreRow
	for _, e := range latest {
		if e.CriterionID == OverallCriterion {
			continue
		}
		sh := bySheet[e.SheetID]
		row := ScoreRow{SheetID: e.SheetID, DossierID: e.DossierID, ExpertID: e.ExpertID, CriterionID: e.CriterionID,
			Value: e.Points, Grade: e.Grade, Vetoed: e.Veto == "yes", VetoReason: e.VetoReason, Comment: e.Comment,
			RubricHash: e.RubricHash}
		if sh.SubmittedAt != nil {
			row.SubmittedAt = *sh.SubmittedAt
		}
		for _, fl := range flags {
			if fl.SheetID == e.SheetID && fl.CriterionID == e.CriterionID {
				row.Flags = append(row.Flags, fl)
			}
		}
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b ScoreRow) int {
		if a.DossierID != b.DossierID {
			return cmpID(a.DossierID, b.DossierID)
		}
		if c := strings.Compare(a.CriterionID, b.CriterionID); c != 0 {
			return c
		}
		return cmpID(a.ExpertID, b.ExpertID)
	})
	return out, nil
}

func cmpID(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
