package store

import (
	"time"

	"gorm.io/gorm"
)

// Step 0008_results: anonymised judge codes per competition, frozen stage
// results (append-only, enforced by the database), the office's verification
// of reported indicators, its decisions on experts' vetoes, and the winners
// it marks in the final ranking.

type m0008JudgeCode struct {
	CompetitionID int64  `gorm:"primaryKey;uniqueIndex:idx_judge_codes_comp_code,priority:1"`
	ExpertID      int64  `gorm:"primaryKey"`
	Code          string `gorm:"size:16;not null;uniqueIndex:idx_judge_codes_comp_code,priority:2"`
	CreatedAt     time.Time

	Competition *m0001Competition `gorm:"foreignKey:CompetitionID;constraint:OnDelete:CASCADE"`
	Expert      *m0001User        `gorm:"foreignKey:ExpertID;constraint:OnDelete:RESTRICT"`
}

func (m0008JudgeCode) TableName() string { return "judge_codes" }

type m0008StageResult struct {
	ID            int64  `gorm:"primaryKey"`
	StageID       int64  `gorm:"not null;uniqueIndex"`
	CompetitionID int64  `gorm:"not null;index"`
	RubricHash    string `gorm:"size:80;not null"`
	ResultJSON    string `gorm:"type:text;not null"`
	ResultHash    string `gorm:"size:80;not null"`
	Severity      bool   `gorm:"not null;default:false"`
	Advancing     int    `gorm:"not null"`
	FrozenBy      *int64
	FrozenByName  string `gorm:"size:200;not null"`
	FrozenAt      time.Time

	Stage       *m0001Stage       `gorm:"foreignKey:StageID;constraint:OnDelete:RESTRICT"`
	Competition *m0001Competition `gorm:"foreignKey:CompetitionID;constraint:OnDelete:RESTRICT"`
	Freezer     *m0001User        `gorm:"foreignKey:FrozenBy;constraint:OnDelete:RESTRICT"`
}

func (m0008StageResult) TableName() string { return "stage_results" }

type m0008IndicatorVerification struct {
	ID          int64  `gorm:"primaryKey"`
	StageID     int64  `gorm:"not null;uniqueIndex:idx_indicator_verifications_key,priority:1"`
	DossierID   int64  `gorm:"not null;uniqueIndex:idx_indicator_verifications_key,priority:2;index"`
	IndicatorID string `gorm:"size:40;not null;uniqueIndex:idx_indicator_verifications_key,priority:3"`
	Reported    string `gorm:"size:64;not null"`
	Value       string `gorm:"size:32;not null"`
	Status      string `gorm:"size:10;not null"`
	Note        string `gorm:"type:text;not null"`
	VerifiedBy  int64  `gorm:"not null"`
	VerifiedAt  time.Time
	Version     int64 `gorm:"not null;default:1"`

	Stage    *m0001Stage   `gorm:"foreignKey:StageID;constraint:OnDelete:RESTRICT"`
	Dossier  *m0005Dossier `gorm:"foreignKey:DossierID;constraint:OnDelete:RESTRICT"`
	Verifier *m0001User    `gorm:"foreignKey:VerifiedBy;constraint:OnDelete:RESTRICT"`
}

func (m0008IndicatorVerification) TableName() string { return "indicator_verifications" }

type m0008VetoDecision struct {
	ID          int64  `gorm:"primaryKey"`
	StageID     int64  `gorm:"not null;uniqueIndex:idx_veto_decisions_key,priority:1"`
	DossierID   int64  `gorm:"not null;uniqueIndex:idx_veto_decisions_key,priority:2;index"`
	CriterionID string `gorm:"size:40;not null;uniqueIndex:idx_veto_decisions_key,priority:3"`
	Decision    string `gorm:"size:10;not null"`
	Reason      string `gorm:"type:text;not null"`
	DecidedBy   int64  `gorm:"not null"`
	DecidedAt   time.Time
	Version     int64 `gorm:"not null;default:1"`

	Stage   *m0001Stage   `gorm:"foreignKey:StageID;constraint:OnDelete:RESTRICT"`
	Dossier *m0005Dossier `gorm:"foreignKey:DossierID;constraint:OnDelete:RESTRICT"`
	Decider *m0001User    `gorm:"foreignKey:DecidedBy;constraint:OnDelete:RESTRICT"`
}

func (m0008VetoDecision) TableName() string { return "veto_decisions" }

type m0008Winner struct {
	CompetitionID int64  `gorm:"primaryKey"`
	DossierID     int64  `gorm:"primaryKey"`
	Rank          int    `gorm:"not null"`
	Score         string `gorm:"size:24;not null"`
	Note          string `gorm:"type:text;not null"`
	MarkedBy      int64  `gorm:"not null"`
	MarkedAt      time.Time

	Competition *m0001Competition `gorm:"foreignKey:CompetitionID;constraint:OnDelete:CASCADE"`
	Dossier     *m0005Dossier     `gorm:"foreignKey:DossierID;constraint:OnDelete:RESTRICT"`
	Marker      *m0001User        `gorm:"foreignKey:MarkedBy;constraint:OnDelete:RESTRICT"`
}

func (m0008Winner) TableName() string { return "winners" }

// m0008FrozenResults makes the database refuse to change or delete a frozen
// stage result: once frozen, its numbers never change.
var m0008FrozenResults = map[string][]string{
	"sqlite": {
		`CREATE TRIGGER stage_results_no_update BEFORE UPDATE ON stage_results
		 BEGIN SELECT RAISE(ABORT, 'stage_results is append-only'); END`,
		`CREATE TRIGGER stage_results_no_delete BEFORE DELETE ON stage_results
		 BEGIN SELECT RAISE(ABORT, 'stage_results is append-only'); END`,
	},
	"postgres": {
		`CREATE FUNCTION stage_results_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
		 BEGIN RAISE EXCEPTION 'stage_results is append-only'; END $$`,
		`CREATE TRIGGER stage_results_no_change BEFORE UPDATE OR DELETE ON stage_results
		 FOR EACH ROW EXECUTE FUNCTION stage_results_append_only()`,
	},
}

func up0008Results(tx *gorm.DB) error {
	for _, t := range []any{&m0008JudgeCode{}, &m0008StageResult{}, &m0008IndicatorVerification{},
		&m0008VetoDecision{}, &m0008Winner{}} {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	for _, stmt := range m0008FrozenResults[tx.Dialector.Name()] {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
