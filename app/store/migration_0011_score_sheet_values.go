package store

import (
	"gorm.io/gorm"
)

// Step 0011 gives every score sheet its current values (the latest entry of
// each criterion) as a column beside its version, written in the same
// statement that raises the version. A sheet's values are read on every
// autosave; finding them in its history instead grew costlier with every
// save (the load test showed it as the largest single query of a save).
// score_entries stays the record: the column is kept equal to it in the
// transaction that appends to it.
//
// It also drops the index on audit_log.action: the log is filtered by
// action prefix (LIKE 'score.%'), which neither SQLite nor PostgreSQL
// answers from a plain index, and every audit entry paid for writing it.
type m0011ScoreSheet struct {
	CurrentValues string `gorm:"type:text;not null;default:''"`
}

func (m0011ScoreSheet) TableName() string { return "score_sheets" }

// m0011Entry is the part of a history row the backfill reads.
type m0011Entry struct {
	SheetID     int64
	CriterionID string
	Points      string
	Grade       string
	Veto        string
	VetoReason  string
	Comment     string
}

func up0011ScoreSheetValues(tx *gorm.DB) error {
	if err := tx.Exec("DROP INDEX IF EXISTS idx_audit_log_action").Error; err != nil {
		return err
	}
	if !tx.Migrator().HasColumn(&m0011ScoreSheet{}, "CurrentValues") {
		if err := tx.Migrator().AddColumn(&m0011ScoreSheet{}, "CurrentValues"); err != nil {
			return err
		}
	}
	// Backfill: replay each sheet's history in order; the last entry of a
	// criterion wins.
	rows, err := tx.Table("score_entries").
		Select("sheet_id, criterion_id, points, grade, veto, veto_reason, comment").Order("sheet_id, id").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	current := map[int64]map[string]SheetValue{}
	for rows.Next() {
		var e m0011Entry
		if err := tx.ScanRows(rows, &e); err != nil {
			return err
		}
		if current[e.SheetID] == nil {
			current[e.SheetID] = map[string]SheetValue{}
		}
		current[e.SheetID][e.CriterionID] = SheetValue{CriterionID: e.CriterionID, Points: e.Points, Grade: e.Grade,
			Veto: e.Veto, VetoReason: e.VetoReason, Comment: e.Comment}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	for id, values := range current {
		if err := tx.Table("score_sheets").Where("id = ?", id).
			Update("current_values", encodeSheetValues(values)).Error; err != nil {
			return err
		}
	}
	return nil
}
