package store

import (
	"time"

	"gorm.io/gorm"
)

// Step 0007_scores: experts' score sheets, the append-only history of every
// value they saved (with the rubric hash), and the 畸高/畸低 flags with the
// experts' written reasons.

type m0007ScoreSheet struct {
	ID           int64  `gorm:"primaryKey"`
	AssignmentID int64  `gorm:"not null;uniqueIndex"`
	StageID      int64  `gorm:"not null;index:idx_score_sheets_stage_dossier,priority:1"`
	DossierID    int64  `gorm:"not null;index:idx_score_sheets_stage_dossier,priority:2"`
	ExpertID     int64  `gorm:"not null;index"`
	Status       string `gorm:"size:10;not null"`
	RubricHash   string `gorm:"size:80;not null"`
	Signature    string `gorm:"size:80"`
	SubmittedAt  *time.Time
	ReopenCount  int   `gorm:"not null;default:0"`
	Version      int64 `gorm:"not null;default:1"`
	CreatedAt    time.Time
	UpdatedAt    time.Time

	Assignment *m0007Assignment `gorm:"foreignKey:AssignmentID;constraint:OnDelete:RESTRICT"`
	Stage      *m0001Stage      `gorm:"foreignKey:StageID;constraint:OnDelete:RESTRICT"`
	Dossier    *m0005Dossier    `gorm:"foreignKey:DossierID;constraint:OnDelete:RESTRICT"`
	Expert     *m0001User       `gorm:"foreignKey:ExpertID;constraint:OnDelete:RESTRICT"`
}

func (m0007ScoreSheet) TableName() string { return "score_sheets" }

type m0007ScoreEntry struct {
	ID           int64  `gorm:"primaryKey"`
	SheetID      int64  `gorm:"not null;index"`
	StageID      int64  `gorm:"not null;index:idx_score_entries_stage_dossier,priority:1"`
	DossierID    int64  `gorm:"not null;index:idx_score_entries_stage_dossier,priority:2"`
	ExpertID     int64  `gorm:"not null"`
	CriterionID  string `gorm:"size:40;not null"`
	Points       string `gorm:"size:24;not null"`
	Grade        string `gorm:"size:40;not null"`
	Veto         string `gorm:"size:3;not null"`
	VetoReason   string `gorm:"type:text;not null"`
	Comment      string `gorm:"type:text;not null"`
	RubricHash   string `gorm:"size:80;not null"`
	SheetVersion int64  `gorm:"not null"`
	Source       string `gorm:"size:10;not null"`
	CreatedBy    int64  `gorm:"not null"`
	CreatedAt    time.Time

	Sheet   *m0007ScoreSheet `gorm:"foreignKey:SheetID;constraint:OnDelete:RESTRICT"`
	Creator *m0001User       `gorm:"foreignKey:CreatedBy;constraint:OnDelete:RESTRICT"`
}

func (m0007ScoreEntry) TableName() string { return "score_entries" }

type m0007ScoreFlag struct {
	ID          int64  `gorm:"primaryKey"`
	StageID     int64  `gorm:"not null;index:idx_score_flags_stage_status,priority:1"`
	DossierID   int64  `gorm:"not null;index"`
	CriterionID string `gorm:"size:40;not null"`
	ExpertID    int64  `gorm:"not null;index"`
	SheetID     int64  `gorm:"not null"`
	Direction   string `gorm:"size:4;not null"`
	Score       string `gorm:"size:24;not null"`
	Explanation string `gorm:"type:text;not null"`
	RuleText    string `gorm:"type:text;not null"`
	RubricHash  string `gorm:"size:80;not null"`
	Status      string `gorm:"size:12;not null;index:idx_score_flags_stage_status,priority:2"`
	Reason      string `gorm:"type:text;not null"`
	ResolvedAt  *time.Time
	CreatedAt   time.Time
	Version     int64 `gorm:"not null;default:1"`

	Stage   *m0001Stage      `gorm:"foreignKey:StageID;constraint:OnDelete:RESTRICT"`
	Dossier *m0005Dossier    `gorm:"foreignKey:DossierID;constraint:OnDelete:RESTRICT"`
	Expert  *m0001User       `gorm:"foreignKey:ExpertID;constraint:OnDelete:RESTRICT"`
	Sheet   *m0007ScoreSheet `gorm:"foreignKey:SheetID;constraint:OnDelete:RESTRICT"`
}

func (m0007ScoreFlag) TableName() string { return "score_flags" }

// m0007AppendOnly makes the database itself refuse to change or delete a
// saved score: corrections are new rows.
var m0007AppendOnly = map[string][]string{
	"sqlite": {
		`CREATE TRIGGER score_entries_no_update BEFORE UPDATE ON score_entries
		 BEGIN SELECT RAISE(ABORT, 'score_entries is append-only'); END`,
		`CREATE TRIGGER score_entries_no_delete BEFORE DELETE ON score_entries
		 BEGIN SELECT RAISE(ABORT, 'score_entries is append-only'); END`,
	},
	"postgres": {
		`CREATE FUNCTION score_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
		 BEGIN RAISE EXCEPTION 'score_entries is append-only'; END $$`,
		`CREATE TRIGGER score_entries_no_change BEFORE UPDATE OR DELETE ON score_entries
		 FOR EACH ROW EXECUTE FUNCTION score_entries_append_only()`,
	},
}

func up0007Scores(tx *gorm.DB) error {
	for _, t := range []any{&m0007ScoreSheet{}, &m0007ScoreEntry{}, &m0007ScoreFlag{}} {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	for _, stmt := range m0007AppendOnly[tx.Dialector.Name()] {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
